#pragma once
// Importing a needs table shaped like the care centres' (seed 002): a row per 町内会, a column
// per need category, optional 世帯数 and 対象人数 columns. First a plan to preview — what will be
// created or replaced, which names did not match — then a commit that writes all or nothing.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::io {

struct NeedsImportRequest {
  domain::Id district_id = 0;
  std::string source;  // one of domain::need_sources()
  std::string period;  // e.g. 2017-04, 平成31年4月, or 2015-04〜2017-04; stored as domain::parse_need_period reads it
  // Names in the file that do not match a 町内会 of the district, mapped by a person to one.
  std::map<std::string, domain::Id> name_mapping;
};

struct NeedsImportRow {
  std::size_t line = 0;
  std::string name;                             // as written in the file
  std::optional<domain::Id> neighbourhood_id;   // empty while unmatched
  std::string neighbourhood_name;
  std::optional<std::int64_t> households;
  std::optional<std::int64_t> people;
  std::vector<std::optional<std::int64_t>> counts;  // one per column of `categories`
};

struct NeedsImportPlan {
  std::string encoding;
  std::string district_name;
  std::vector<std::pair<domain::Id, std::string>> categories;  // the file's columns, in order
  std::vector<NeedsImportRow> rows;
  std::vector<std::string> unmatched;  // names that need a mapping before commit
  std::int64_t new_counts = 0;         // counts that will be written
  std::int64_t replaced_counts = 0;    // existing counts of the same 町内会・方法・時点 that go
  std::optional<domain::Id> import_id; // after a commit: its entry in the import history (to undo it)
};

// Throws Error(invalid) listing every problem with its line and column (up to 30).
NeedsImportPlan plan_needs_import(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                  const NeedsImportRequest& request);
// Plans again and writes it in one transaction; throws if anything is still unmatched.
NeedsImportPlan commit_needs_import(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                    const NeedsImportRequest& request);

// Long format, one count per row: 地区,町内会名,分類,把握の方法,時点,件数 (地区 may be omitted when
// `district_id` is given). Each count replaces the one with the same 町内会・分類・方法・時点.
// All or nothing; throws Error(invalid) listing problems by line.
struct LongImportResult {
  std::size_t rows = 0;
  std::int64_t replaced = 0;
};
LongImportResult commit_needs_long(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                   std::optional<domain::Id> district_id);

// Normalised form used to match 町内会 names: NFKC, no spaces, kana folded, no 町内会/自治会 suffix.
std::string neighbourhood_key(std::string_view name);

}  // namespace sasaeai::io
