#pragma once
// People who sign in, their roles, and what the system remembers about their sessions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/value.hpp"

namespace sasaeai::domain {

// Whole city, or scoped to districts (第2層 coordinators and council members).
enum class Role { admin, city_coordinator, district_coordinator, council_member, viewer };

std::string_view role_code(Role role);   // "admin", "city_coordinator", …
std::string_view role_label(Role role);  // 管理者, 第1層コーディネーター, …
std::optional<Role> parse_role(std::string_view code_or_label);
bool is_district_scoped(Role role);
inline constexpr Role kAllRoles[] = {Role::admin, Role::city_coordinator, Role::district_coordinator, Role::council_member,
                                     Role::viewer};

struct Account {
  Id id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::viewer;
  std::vector<Id> districts;  // for district-scoped roles
  std::string password_hash;  // argon2id encoded; never leaves the server
  bool disabled = false;
  bool must_change_password = false;
  std::string created_at;
};

struct Session {
  std::string token_hash;  // SHA-256 of the cookie value; the value itself is never stored
  Id account_id = 0;
  std::string csrf_token;
  std::string expires_at;  // ISO 8601 UTC
};

struct ApiToken {
  Id id = 0;
  std::string token_hash;
  Id account_id = 0;
  std::string name;
  std::string created_at;
};

struct AuditEntry {
  Id id = 0;
  std::string at;  // filled by the store
  std::optional<Id> account_id;
  std::string login;
  std::string address;
  std::string action;  // create, update, delete, view, export, sign_in, sign_in_failed, sign_out, …
  std::string register_name;
  std::optional<Id> record_id;
  std::string summary;
  std::string old_values;  // JSON object, or ""
  std::string new_values;  // JSON object, or ""
};

struct AuditQuery {
  std::string login;
  std::string register_name;
  std::optional<Id> record_id;
  std::string from_date;  // yyyy-mm-dd, inclusive: a day in Japan, as the user names it
  std::string to_date;    // yyyy-mm-dd, inclusive
  // What the store compares `at` with: UTC timestamps of the start of from_date and of the day
  // after to_date in Japan, set by the use case from the dates above.
  std::string from_at;    // inclusive, "" for no bound
  std::string before_at;  // exclusive, "" for no bound
  std::int64_t limit = 200;
  std::int64_t offset = 0;
};

}  // namespace sasaeai::domain
