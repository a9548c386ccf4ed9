#include "domain/account.hpp"

namespace sasaeai::domain {

std::string_view role_code(Role role) {
  switch (role) {
    case Role::admin: return "admin";
    case Role::city_coordinator: return "city_coordinator";
    case Role::district_coordinator: return "district_coordinator";
    case Role::council_member: return "council_member";
    case Role::viewer: return "viewer";
  }
  return "viewer";
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::admin: return "管理者";
    case Role::city_coordinator: return "第1層コーディネーター";
    case Role::district_coordinator: return "第2層コーディネーター・あんしんセンター";
    case Role::council_member: return "協議体メンバー";
    case Role::viewer: return "閲覧のみ";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto role : kAllRoles) {
    if (text == role_code(role) || text == role_label(role)) return role;
  }
  return std::nullopt;
}

bool is_district_scoped(Role role) { return role == Role::district_coordinator || role == Role::council_member; }

}  // namespace sasaeai::domain
