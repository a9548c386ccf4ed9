#pragma once
// Several municipalities on one installation. The installation's own database holds its default
// city and the list of the other cities it hosts (a setting, "hosting.cities"); each hosted city
// has a store of its own, beside the installation's (an SQLite file next to it, or a schema of
// the same PostgreSQL database), so no query of one city can reach another's records.
// Managed from the command line by whoever runs the installation (the host administrator):
// `sasaeai city add`, `sasaeai city list` (docs/scaling.md).
#include <string>
#include <string_view>
#include <vector>

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
// Adds a city, or replaces the name and hosts of the one with the same code. Throws
// Error(invalid) naming the field for a bad code, an empty name or host, or a host another city
// already has.
void save_hosted_city(store::Store& installation, const HostedCity& city);

}  // namespace sasaeai::app
