#pragma once
// Use cases on registers: list, read, create, update, delete. This is the one place where a
// change is validated, checked against stored data (references, uniqueness) and given its
// derived columns before it is written in one transaction. It knows nothing of HTTP.
#include <functional>
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
  std::optional<Id> group;  // the option's value of the `group_field` asked for (its 地区, say)
};

// Reads the input of a change (a form, a JSON body). Called only once the actor may change the
// register, so that those who may not learn nothing from parse or validation messages.
using InputReader = std::function<Input()>;

// A link offered to the actor (domain::RegisterLink with the record's id filled in).
struct Link {
  std::string href;
  std::string label;
};

// The records of a related register shown on a record's page (RegisterSpec::related).
struct RelatedRecords {
  const RegisterSpec* spec = nullptr;
  std::string via;                  // their reference field to the record
  std::vector<Record> rows;         // as the actor may see them
  bool can_create = false;
};

class Registry {
 public:
  explicit Registry(store::Store& store) : store_(store) {}

  // Reads go through app/disclosure.hpp: personal fields the actor may not see come back empty
  // (Record::personal_hidden).
  store::Page list(const Actor& actor, const RegisterSpec& spec, const ListRequest& request);
  Record get(const Actor& actor, const RegisterSpec& spec, Id id);
  // Changes: checked against app/policy.hpp and written with their audit entry in one transaction.
  // Answers with the stored record as a read would show it.
  Record create(const Actor& actor, const RegisterSpec& spec, const InputReader& input);
  Record create(const Actor& actor, const RegisterSpec& spec, const Input& input);
  // `partial`: fields absent from `input` keep their stored values (PATCH).
  Record update(const Actor& actor, const RegisterSpec& spec, Id id, const InputReader& input, bool partial);
  Record update(const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial);
  // The values a form for a new record starts with: refused unless the actor may add records of
  // this register; a required reference with one possible record (the municipality) is chosen.
  Input new_record(const Actor& actor, const RegisterSpec& spec, Input prefill);
  // Registers with soft delete need a reason; the record is kept, marked deleted (see retention).
  void remove(const Actor& actor, const RegisterSpec& spec, Id id, const std::string& reason = {});
  // A record to edit: refused unless the actor may change it.
  Record get_for_change(const Actor& actor, const RegisterSpec& spec, Id id);
  // Whether the actor may add records of this register (for showing links to the form).
  bool may_create(const Actor& actor, const RegisterSpec& spec) const;
  // Whether the actor may change this stored record (for showing edit links).
  bool may_change(const Actor& actor, const RegisterSpec& spec, const Record& record);
  // Choices for a reference field: every record of the target register, by title.
  // `group_field`: a reference field of `target` whose value each option carries, so a form can
  // offer only the 町内会 of the chosen 地区.
  std::vector<Option> options(const Actor& actor, const RegisterSpec& target, std::string_view group_field = {});
  // The register's list links (RegisterSpec::list_links) and a record's links the actor is offered.
  std::vector<Link> list_links(const Actor& actor, const RegisterSpec& spec);
  std::vector<Link> record_links(const Actor& actor, const RegisterSpec& spec, const Record& record);
  // Records of the registers shown on this record's page (RegisterSpec::related).
  std::vector<RelatedRecords> related(const Actor& actor, const RegisterSpec& spec, const Record& record);
  // The register and record whose page shows this record: its parent's, when the parent lists it.
  std::pair<const RegisterSpec*, Id> home_of(const RegisterSpec& spec, const Record& record) const;

  // The same use cases inside a caller's transaction (bulk loads, decisions on proposals).
  static Id create_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Input& input, bool audit = true);
  static Record update_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial);

  store::Store& store() { return store_; }

 private:
  store::Store& store_;
};

// Appends one audit entry for `actor`.
void audit(store::WriteTx& tx, const Actor& actor, std::string action, std::string register_name, std::optional<Id> record_id,
           std::string summary, std::string old_values = {}, std::string new_values = {});

// 月…日, 月曜, 月曜日 or 0–6 (0 = Monday), already NFKC-normalised and trimmed.
std::optional<int> parse_weekday(const std::string& text);

// Parses a list request into a store query; throws Error(invalid) naming the bad filter.
store::ListQuery to_query(const RegisterSpec& spec, const ListRequest& request);

}  // namespace sasaeai::app
