#pragma once
// Registers: the records of every register (RegisterSpec), read by query and changed one by one.
// The contracts of store.hpp (threads, nesting, lifetime) apply to every function here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/register_spec.hpp"
#include "domain/value.hpp"

namespace sasaeai::store {

using domain::Id;
using domain::Record;
using domain::RegisterSpec;
using domain::Value;

// Stored columns that are derived from fields by the use-case layer, not typed by people.
inline constexpr std::string_view kSearchKeyColumn = "search_key";

struct Filter {
  std::string field;
  Value value;  // null matches NULL
};

struct ListQuery {
  std::vector<Filter> equals;
  std::optional<int> weekday;  // 0 = Monday; only for registers with a schedule field
  std::string search_key;      // already normalised (text::search_key); substring match
  std::int64_t limit = 50;     // 0 or less: all rows
  std::int64_t offset = 0;
  // When not empty, only these fields (and the titles of these references) are read; the
  // others are absent from the rows. For callers that need a few columns of many rows (a map's
  // points) or not a large one (a boundary's geometry).
  std::vector<std::string> fields;
  // Registers with soft delete: also the records marked deleted (for retention and audits).
  bool include_deleted = false;
};

struct Page {
  std::vector<Record> rows;
  std::int64_t total = 0;  // rows matching the query, ignoring limit and offset
};

struct GroupCount {
  Value key;
  std::int64_t count = 0;
};

// Totals per group, computed by the engine so a table of figures does not read every record.
// A field is one of the register's fields or a path through one of its references to a field of
// the record it names ("neighbourhood_id.district_id"): a count can then be grouped or filtered
// by its 町内会's district without a district column of its own.
struct SumQuery {
  std::vector<std::string> group;  // fields or paths; none: one group of every matching row
  std::vector<std::string> sums;   // integer fields of the register itself
  std::vector<Filter> equals;      // fields or paths
};

struct GroupSum {
  std::vector<Value> keys;                        // one per group field, in order
  std::vector<std::optional<std::int64_t>> sums;  // one per summed field; empty when every value is NULL
  std::int64_t count = 0;                         // rows in the group
};

// REQUIRES for every function: `spec` is one of domain::all_registers() (table and column names
// come only from it) and every field named in a query is one of its fields.
// Returned records are copies the caller owns; they stay valid after the transaction ends.
class RegisterReads {
 public:
  virtual ~RegisterReads() = default;
  virtual Page list(const RegisterSpec& spec, const ListQuery& query) = 0;
  // Records marked deleted (soft delete) are not found.
  virtual std::optional<Record> get(const RegisterSpec& spec, Id id) = 0;
  // COUNT(*) grouped by one field, over the rows matching `filter`.
  virtual std::vector<GroupCount> count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) = 0;
  // SUM of `query.sums` and COUNT(*) per distinct `query.group`, over the rows matching
  // `query.equals` (records marked deleted excluded); groups in no particular order. A path
  // through an empty reference reads as NULL. Throws std::logic_error for an unknown field or
  // path, or a summed field that is not an integer.
  virtual std::vector<GroupSum> sum_by(const RegisterSpec& spec, const SumQuery& query) = 0;
};

// Errors: conflict with code still_referenced when a delete is blocked by references, conflict
// with code duplicate for a taken unique value, invalid with code reference_missing for a
// reference to nothing, not_found for an unknown id.
class RegisterWrites {
 public:
  virtual ~RegisterWrites() = default;
  // `record.values` holds the spec's fields and any derived columns (search_key, *_weekdays);
  // the use-case layer (app::Registry) has validated them and computed the derived ones.
  virtual Id insert(const RegisterSpec& spec, const Record& record) = 0;
  virtual void update(const RegisterSpec& spec, Id id, const Record& record) = 0;
  virtual void remove(const RegisterSpec& spec, Id id) = 0;
  // Soft delete (REQUIRES: spec.soft_delete): the record is kept, marked with the time and
  // reason, and no longer listed or found.
  virtual void mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) = 0;
};

}  // namespace sasaeai::store
