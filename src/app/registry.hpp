#pragma once
// Use cases on registers: list, read, create, update, delete. This is the one place where a
// change is validated, checked against stored data (references, uniqueness) and given its
// derived columns before it is written in one transaction. It knows nothing of HTTP.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "domain/validation.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Input;
using domain::Record;
using domain::RegisterSpec;

// A list request as it arrives from a form or query string; values are validated here.
struct ListRequest {
  std::map<std::string, std::string, std::less<>> filters;  // field → text; only filterable fields
  std::string query;                                         // free text, normalised here
  std::string weekday;                                       // 月…日 or 0–6; "" for any
  std::int64_t page = 1;
  std::int64_t per_page = 50;                                // 0: all
};

struct Option {
  Id id;
  std::string title;
};

class Registry {
 public:
  explicit Registry(store::Store& store) : store_(store) {}

  // Refuses an actor who may not change this register at all. Callers that parse a request body
  // call it first, so that refusals come before parsing and validation messages.
  static void require_may_change(const Actor& actor, const RegisterSpec& spec);

  // Reads: personal fields the actor may not see come back empty (Record::personal_hidden).
  store::Page list(const Actor& actor, const RegisterSpec& spec, const ListRequest& request);
  Record get(const Actor& actor, const RegisterSpec& spec, Id id);
  // Changes: checked against app/policy.hpp and written with their audit entry in one transaction.
  Record create(const Actor& actor, const RegisterSpec& spec, const Input& input);
  // `partial`: fields absent from `input` keep their stored values (PATCH).
  Record update(const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial);
  // Registers with soft delete need a reason; the record is kept, marked deleted (see retention).
  void remove(const Actor& actor, const RegisterSpec& spec, Id id, const std::string& reason = {});
  // A record to edit: refused unless the actor may change it.
  Record get_for_change(const Actor& actor, const RegisterSpec& spec, Id id);
  // Whether the actor may change this stored record (for showing edit links).
  bool may_change(const Actor& actor, const RegisterSpec& spec, const Record& record);
  // Choices for a reference field: every record of the target register, by title.
  std::vector<Option> options(const Actor& actor, const RegisterSpec& target);

  // The same use cases inside a caller's transaction (bulk loads, decisions on proposals).
  static Id create_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Input& input, bool audit = true);
  static Record update_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial);

  store::Store& store() { return store_; }

 private:
  store::Store& store_;
};

// The values of a record as a JSON object, for the audit trail.
std::string values_json(const RegisterSpec& spec, const Record& record);
// Appends one audit entry for `actor`.
void audit(store::WriteTx& tx, const Actor& actor, std::string action, std::string register_name, std::optional<Id> record_id,
           std::string summary, std::string old_values = {}, std::string new_values = {});

// 月…日, 月曜, 月曜日 or 0–6 (0 = Monday), already NFKC-normalised and trimmed.
std::optional<int> parse_weekday(const std::string& text);

// Parses a list request into a store query; throws Error(invalid) naming the bad filter.
store::ListQuery to_query(const RegisterSpec& spec, const ListRequest& request);

}  // namespace sasaeai::app
