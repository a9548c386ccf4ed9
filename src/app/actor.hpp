#pragma once
// Who is asking: a signed-in account, an anonymous visitor, or the system itself (command line,
// data loads). Every use case takes one, and app/policy.cpp decides what it may do.
#include <optional>
#include <string>
#include <vector>

#include "domain/account.hpp"

namespace sasaeai::app {

struct Actor {
  std::optional<domain::Id> account_id;  // empty for anonymous visitors and the system
  std::string login;                     // for the audit trail
  std::string display_name;
  domain::Role role = domain::Role::viewer;
  std::vector<domain::Id> districts;
  std::string address;  // where the request came from
  bool anonymous = true;
  bool system = false;

  bool signed_in() const { return !anonymous; }
  static Actor visitor(std::string address) {
    Actor a;
    a.login = "（未ログイン）";
    a.address = std::move(address);
    return a;
  }
  static Actor system_actor(std::string what = "system") {
    Actor a;
    a.login = std::move(what);
    a.role = domain::Role::admin;
    a.anonymous = false;
    a.system = true;
    return a;
  }
  static Actor of(const domain::Account& account, std::string address) {
    Actor a;
    a.account_id = account.id;
    a.login = account.login;
    a.display_name = account.display_name;
    a.role = account.role;
    a.districts = account.districts;
    a.address = std::move(address);
    a.anonymous = false;
    return a;
  }
};

}  // namespace sasaeai::app
