#pragma once
// Use cases on registers: list, read, create, update, delete. This is the one place where a
// change is validated, checked against stored data (references, uniqueness) and given its
// derived columns before it is written in one transaction. It knows nothing of HTTP.
#include <map>
#include <optional>
#include <string>
#include <vector>

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

  store::Page list(const RegisterSpec& spec, const ListRequest& request);
  Record get(const RegisterSpec& spec, Id id);
  Record create(const RegisterSpec& spec, const Input& input);
  // `partial`: fields absent from `input` keep their stored values (PATCH and forms alike).
  Record update(const RegisterSpec& spec, Id id, const Input& input, bool partial);
  void remove(const RegisterSpec& spec, Id id);
  // Choices for a reference field: every record of the target register, by title.
  std::vector<Option> options(const RegisterSpec& target);

  // The same use cases inside a caller's transaction (bulk loads that must be all-or-nothing).
  static Id create_in(store::WriteTx& tx, const RegisterSpec& spec, const Input& input);

  store::Store& store() { return store_; }

 private:
  store::Store& store_;
};

// Parses a list request into a store query; throws Error(invalid) naming the bad filter.
store::ListQuery to_query(const RegisterSpec& spec, const ListRequest& request);

}  // namespace sasaeai::app
