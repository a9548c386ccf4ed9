#pragma once
// What the host administrators' pages need of the running server: start answering a city's host
// names at once, with no restart (web/server.cpp implements it; handlers/host_pages.cpp uses it).
#include <optional>
#include <string>

#include "app/hosting.hpp"

namespace sasaeai::web {

class CityHosting {
 public:
  virtual ~CityHosting() = default;
  // Opens the city's store (creating it the first time) and gives it its first administrator
  // ("admin") if it has no account: the one-time password when one was made. Not served yet, so
  // the city is listed only once its store is ready. Throws Error when it cannot be opened.
  virtual std::optional<std::string> prepare_city(const std::string& code) = 0;
  // Answers the city's host names from now on (after prepare_city), instead of its old ones.
  virtual void serve_city(const app::HostedCity& city) = 0;
  // A new one-time password for the city's first administrator "admin"
  // (app::Accounts::reissue_first_admin), by the host administrator `host_login`.
  virtual std::string reissue_first_admin(const std::string& code, const std::string& host_login) = 0;
};

}  // namespace sasaeai::web
