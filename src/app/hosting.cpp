#include "app/hosting.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/error.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {
namespace {

// One line per city: code, name and the host names separated by spaces, with tabs between.
// Host names hold no spaces or tabs, and a name is refused if it holds a tab or a line break.
constexpr std::string_view kCitiesSetting = "hosting.cities";

std::vector<HostedCity> parse_cities(const std::string& stored) {
  std::vector<HostedCity> cities;
  std::istringstream lines(stored);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    HostedCity city{line.substr(0, first), line.substr(first + 1, second - first - 1), {}};
    std::istringstream hosts(line.substr(second + 1));
    for (std::string host; hosts >> host;) city.hosts.push_back(host);
    cities.push_back(std::move(city));
  }
  return cities;
}

std::string format_cities(const std::vector<HostedCity>& cities) {
  std::string out;
  for (const auto& city : cities) out += fmt::format("{}\t{}\t{}\n", city.code, city.name, fmt::join(city.hosts, " "));
  return out;
}

bool is_postgres_url(std::string_view database) {
  return database.starts_with("postgres://") || database.starts_with("postgresql://");
}

// A DNS name: letters, digits, hyphens and dots; compared in lower case.
std::string host_name(std::string_view text) {
  std::string out;
  for (const char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool ok = !out.empty() && out.size() <= 253 && std::all_of(out.begin(), out.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
  if (!ok) throw Error(ErrorKind::invalid, fmt::format("ホスト名「{}」は英数字・ハイフン・ピリオドで書いてください（例: utsunomiya.example.jp）", text), "hosts");
  return out;
}

}  // namespace

CityStoreLocation city_store_location(std::string_view installation_database, std::string_view code) {
  if (is_postgres_url(installation_database)) return {std::string(installation_database), fmt::format("city_{}", code)};
  std::string path(installation_database);
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  if (has_extension) return {fmt::format("{}.{}{}", path.substr(0, dot), code, path.substr(dot)), ""};
  return {fmt::format("{}.{}", path, code), ""};
}

std::vector<HostedCity> hosted_cities(store::Store& installation) {
  std::optional<std::string> stored;
  installation.read([&](store::ReadTx& tx) { stored = tx.setting(kCitiesSetting); });
  return stored ? parse_cities(*stored) : std::vector<HostedCity>{};
}

void save_hosted_city(store::Store& installation, const HostedCity& city) {
  if (!domain::is_valid_local_gov_code(city.code)) {
    throw Error(ErrorKind::invalid, fmt::format("団体コード「{}」は検査数字を含む6桁の全国地方公共団体コードで入力してください（例: 092011）", city.code), "code");
  }
  if (city.name.empty() || city.name.find_first_of("\t\r\n") != std::string::npos) {
    throw Error(ErrorKind::invalid, "市町村名を1行で入力してください", "name");
  }
  if (city.hosts.empty()) throw Error(ErrorKind::invalid, "ホスト名を1つ以上入力してください", "hosts");
  HostedCity cleaned{city.code, city.name, {}};
  for (const auto& host : city.hosts) cleaned.hosts.push_back(host_name(host));
  installation.write([&](store::WriteTx& tx) {
    const auto stored = tx.setting(kCitiesSetting);
    std::vector<HostedCity> kept;
    for (auto& other : stored ? parse_cities(*stored) : std::vector<HostedCity>{}) {
      if (other.code == cleaned.code) continue;
      for (const auto& host : other.hosts) {
        if (std::find(cleaned.hosts.begin(), cleaned.hosts.end(), host) != cleaned.hosts.end()) {
          throw Error(ErrorKind::invalid, fmt::format("ホスト名「{}」は{}がすでに使っています", host, other.name), "hosts");
        }
      }
      kept.push_back(std::move(other));
    }
    kept.push_back(cleaned);
    tx.set_setting(kCitiesSetting, format_cities(kept));
  });
}

}  // namespace sasaeai::app
