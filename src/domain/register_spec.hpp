#pragma once
// Describes a register (a table of records people keep: districts, councils, resources …) as
// data. Adding a register means adding one RegisterSpec in registers.cpp and one migration;
// forms, JSON API, validation and storage all follow from the spec.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/value.hpp"

namespace sasaeai::domain {

enum class FieldType {
  text,       // one line
  long_text,  // several lines
  kana,       // reading in hiragana/katakana
  integer,
  decimal,
  date,       // ISO yyyy-mm-dd
  choice,     // one of `choices`; stored as text, or as integer when `numeric_choice`
  reference,  // id of a record in `ref_register`
  schedule,   // weekly schedule text, see schedule.hpp
  phone,
  email,
  color,      // #rrggbb
  local_gov_code,  // 全国地方公共団体コード (6 digits with check digit)
  postal_code,     // 郵便番号, stored as 7 digits
};

enum class OnDelete { restrict, cascade, set_null };

struct Choice {
  std::string value;
  std::string label;
};

struct FieldSpec {
  std::string name;   // column and JSON key
  std::string label;  // Japanese label for people
  FieldType type = FieldType::text;
  bool required = false;
  std::string help;   // Japanese hint shown under the input
  std::size_t max_length = 200;
  std::optional<double> min;
  std::optional<double> max;
  std::vector<Choice> choices;
  bool numeric_choice = false;
  std::string ref_register;               // for references: the referenced register's name
  OnDelete on_delete = OnDelete::restrict;
  // For references: this field of the referenced record must equal the same-named field of
  // this record when both are set (a neighbourhood must lie in the resource's district).
  std::string ref_must_match;
  bool personal = false;    // personal data: shown only to roles allowed to see it
  // For text holding a list (「見守り、買い物」): each item must name a record of this register.
  std::string list_of_register;
  bool multiple = false;    // choice: several of the choices, stored as 「a、b」 in the choices' order
  bool in_list = false;     // shown as a column in list views
  bool filterable = false;  // usable as an equality filter in lists and the API
  bool digit_groups = true; // integers read as 14,212; years and orders read as they are
  bool year = false;        // integers holding a Western year (年度 2025) also read 和暦: 令和7, R7, 令和7年度
};

// A value computed from a record (高齢化率, a council's founding stage): never stored, computed
// here, and shown by the API and the pages like a field.
struct DerivedField {
  enum class Format { text, percent };
  std::string name;   // JSON key
  std::string label;  // Japanese label on record pages
  Format format = Format::text;
  std::function<Value(const Record&)> compute;
};

// Records of another register that belong to this one and are shown, and added, on this
// register's record page (a course's participants): `via` is their reference field to here.
struct RelatedList {
  std::string register_name;
  std::string via;
};

// Who is offered a link: decided by app/policy.hpp for the reader, never by pages.
enum class Audience {
  everyone,        // anyone who may read the register
  editors,         // those who change records at all
  importers,       // those who may import the whole register
  administrators,
  proposers,       // those who may propose changes to this record (協議体メンバー of its district)
};

// A link on a register's list page (`href` as is) or record page (`{id}` replaced by the record's id).
struct RegisterLink {
  std::string href;
  std::string label;
  Audience audience = Audience::everyone;
  // Record links only: shown when this holds for the record; empty for always.
  std::function<bool(const Record&)> when;
};

// A change to another record that follows from saving a record (a completed course makes the
// person that kind of supporter). The use case applies it in the same transaction, and only if
// the actor may change the target record; otherwise the save is refused with `refusal`.
struct FollowOn {
  std::string register_name;
  Id id = 0;
  Input change;            // fields of the target record to set
  std::string summary;     // for the audit trail
  std::string refusal;     // Japanese message when the actor may not change the target
  std::string field;       // the field of the saved record that caused it
};
// Reads a stored record by register and id while a consequence is worked out.
using RecordLookup = std::function<std::optional<Record>(std::string_view register_name, Id id)>;
using Consequence = std::function<std::optional<FollowOn>(const Record& saved, const RecordLookup& lookup)>;

struct RegisterSpec {
  std::string name;        // URL segment and API name, e.g. "resources"
  std::string table;       // SQL table
  std::string label;       // Japanese name, e.g. "社会資源"
  std::string title_field = "name";  // field that names a record for people
  std::vector<FieldSpec> fields;
  // Groups of fields that together must be unique, with the Japanese message to show.
  struct Unique {
    std::vector<std::string> fields;
    std::string message;
  };
  std::vector<Unique> unique;
  std::vector<std::string> search_fields;   // folded into the hidden search_key column
  // ORDER BY for lists; "kana|name" sorts by the first non-empty of the fields.
  std::vector<std::string> sort;
  std::string parent_field;                 // e.g. council_id: the record lives on its parent's page
  bool public_read = false;                 // visitors who are not signed in may read it (public fields)
  bool internal = false;                    // kept by its own use cases; no generic pages or API writes
  // Deleting marks the record deleted with a reason (it disappears from lists and pages) instead
  // of removing it; a retention rule removes it later.
  bool soft_delete = false;
  // Every record is personal data (相談記録): only those who see the personal fields of the
  // record's district read the record at all; everyone else gets counts only (app/policy.hpp).
  bool personal_records = false;
  // The records of a district: rights of 第2層コーディネーター are scoped by these records themselves.
  bool is_district = false;
  // Records of other registers shown on this record's page; a child record's own page then leads there.
  std::vector<RelatedList> related;
  std::vector<DerivedField> derived;
  std::vector<RegisterLink> list_links;
  std::vector<RegisterLink> record_links;
  std::vector<Consequence> after_change;
  // A date field telling when the details were last checked; records not checked within the
  // deployment's period are flagged to those who keep them.
  std::string verified_on_field;
  // Canonical forms, after each field is valid on its own and before `cross_check` (a month
  // written 2025/4 or 令和7年4月 is stored as 2025-04). Adds to `errors` what it cannot read.
  std::function<void(Record&, std::vector<FieldError>& errors)> normalise;
  // Rules across fields, after each field is valid on its own. Adds to `errors`.
  std::function<void(const Record&, std::vector<FieldError>& errors)> cross_check;

  const FieldSpec* field(std::string_view field_name) const;
  FieldSpec& field_named(std::string_view field_name);  // for declarations; throws if absent
  bool has_personal() const;
  bool has_search() const { return !search_fields.empty(); }
  // Name of the stored weekday bit-mask column of a schedule field, if the register has one.
  std::optional<std::string> schedule_mask_column() const;
};

}  // namespace sasaeai::domain
