#pragma once
// The one read path of register records on their way out of app/: pages, the API, lists, read
// models, exports and the answers to writes all get their records from a Disclosure, which
// applies app/policy.hpp to personal fields once. A record of a register with personal fields
// leaves app/ only through here, or through rows::all (app/rows.hpp), which never carries
// personal values at all.
#include <cstddef>
#include <optional>
#include <vector>

#include "app/actor.hpp"
#include "domain/register_spec.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

class Disclosure {
 public:
  Disclosure(store::ReadTx& tx, const Actor& actor) : tx_(tx), actor_(actor) {}

  // Reads: personal fields the actor may not see come back empty (Record::personal_hidden), and
  // references to people the actor may not see are named 「（非公開 ID n）」.
  std::optional<domain::Record> get(const domain::RegisterSpec& spec, domain::Id id);
  // A page of a list. Filters on personal fields are refused to those who do not see every
  // record's personal fields; on registers whose search or order reads personal fields, such
  // readers get the records they may see first, then the others matched on public fields only.
  store::Page list(const domain::RegisterSpec& spec, store::ListQuery query);
  std::vector<domain::Record> all(const domain::RegisterSpec& spec, std::vector<store::Filter> equals = {});
  // Counts grouped by a field: refused on personal fields or filters for the same readers.
  std::vector<store::GroupCount> count_by(const domain::RegisterSpec& spec, std::string_view field, const store::ListQuery& filter);
  // For a record the use case read itself while writing: the answer shows what a read would.
  void disclose(const domain::RegisterSpec& spec, domain::Record& record);

  bool sees_personal(const domain::RegisterSpec& spec, const domain::Record& record);
  // How many records with personal values were shown, for the audit trail.
  std::size_t personal_shown() const { return personal_shown_; }

 private:
  void check_personal_filters(const domain::RegisterSpec& spec, const store::ListQuery& query) const;
  store::Page list_without_personal_inference(const domain::RegisterSpec& spec, store::ListQuery query);
  store::Page list_without_venue_inference(const domain::RegisterSpec& spec, store::ListQuery query);

  store::ReadTx& tx_;
  Actor actor_;  // a copy: a reader may outlive the expression that named the actor
  std::size_t personal_shown_ = 0;
};

// A register whose records are named by a personal field (a supporter's name).
bool personal_title(const domain::RegisterSpec& spec);
// The record with every personal value removed, whoever reads: for reads that need no reader.
domain::Record without_personal(const domain::RegisterSpec& spec, domain::Record record);

}  // namespace sasaeai::app
