#pragma once
// Several municipalities on one installation. The installation's own database holds its default
// city and the list of the other cities it hosts (a setting, "hosting.cities"); each hosted city
// has a store of its own, beside the installation's (an SQLite file next to it, or a schema of
// the same PostgreSQL database), so no query of one city can reach another's records.
// Managed by the host administrators: accounts of the installation's own city whose logins are
// listed in "hosting.administrators", on the pages /host/cities of the installation's host name,
// or from the command line: `sasaeai city add|list|host-admin` (docs/scaling.md).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct HostedCity {
  std::string code;                // 全国地方公共団体コード, 6 digits with the check digit
  std::string name;                // 宇都宮市
  std::vector<std::string> hosts;  // host names its pages are served on (lower case, no port)
};

// Where a hosted city's store is: the same database URL with a schema of its own (PostgreSQL),
// or a file beside the installation's (SQLite: sasaeai.db → sasaeai.092011.db).
struct CityStoreLocation {
  std::string database;
  std::string schema;  // PostgreSQL only
};
CityStoreLocation city_store_location(std::string_view installation_database, std::string_view code);

// The hosted cities, in the order they were added; none for a single-city installation.
std::vector<HostedCity> hosted_cities(store::Store& installation);
std::optional<HostedCity> hosted_city(store::Store& installation, std::string_view code);
// Adds a city, or replaces the name and hosts of the one with the same code, and notes it in the
// installation's audit trail. Throws Error(invalid) naming the field for a bad code, an empty
// name or host, or a host another city already has. `by`: a host administrator, or the system.
void save_hosted_city(store::Store& installation, const HostedCity& city, const Actor& by);
// The same checks without saving: the city as it would be saved (host names in lower case).
HostedCity checked_hosted_city(store::Store& installation, const HostedCity& city);
// Notes in the installation's audit trail that `by` gave the city's first administrator a new
// one-time password (the city's own trail has the change itself).
void record_first_admin_reissued(store::Store& installation, const HostedCity& city, const Actor& by);

// Host administrators: signed-in 管理者 of the installation's own city whose login is listed.
// Being one is decided here, before any form of the host pages is read.
bool is_host_administrator(store::Store& installation, const Actor& actor);
void require_host_administrator(store::Store& installation, const Actor& actor);
// Lists a login of the installation's own city as a host administrator (it must be an enabled
// 管理者 account); Error(not_found / invalid) naming it otherwise.
void grant_host_administration(store::Store& installation, const std::string& login, const Actor& by);

}  // namespace sasaeai::app
