#include "app/hosting.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {
namespace {

// One line per city: code, name and the host names separated by spaces, with tabs between.
// Host names hold no spaces or tabs, and a name is refused if it holds a tab or a line break.
constexpr std::string_view kCitiesSetting = "hosting.cities";
// Logins of the installation's own accounts, one per line.
constexpr std::string_view kAdministratorsSetting = "hosting.administrators";

std::vector<std::string> lines_of(const std::optional<std::string>& stored) {
  std::vector<std::string> out;
  if (!stored) return out;
  std::istringstream lines(*stored);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

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

std::optional<HostedCity> hosted_city(store::Store& installation, std::string_view code) {
  for (auto& city : hosted_cities(installation)) {
    if (city.code == code) return std::move(city);
  }
  return std::nullopt;
}

namespace {

HostedCity cleaned(const HostedCity& city) {
  if (!domain::is_valid_local_gov_code(city.code)) {
    throw Error(ErrorKind::invalid, fmt::format("団体コード「{}」は検査数字を含む6桁の全国地方公共団体コードで入力してください（例: 092011）", city.code), "code");
  }
  if (city.name.empty() || city.name.find_first_of("\t\r\n") != std::string::npos) {
    throw Error(ErrorKind::invalid, "市町村名を1行で入力してください", "name");
  }
  if (city.hosts.empty()) throw Error(ErrorKind::invalid, "ホスト名を1つ以上入力してください", "hosts");
  HostedCity out{city.code, city.name, {}};
  for (const auto& host : city.hosts) {
    auto name = host_name(host);
    if (std::find(out.hosts.begin(), out.hosts.end(), name) == out.hosts.end()) out.hosts.push_back(std::move(name));
  }
  return out;
}

// The other cities, refusing a host name one of them already has.
std::vector<HostedCity> others_without_clash(const std::optional<std::string>& stored, const HostedCity& city) {
  std::vector<HostedCity> kept;
  for (auto& other : stored ? parse_cities(*stored) : std::vector<HostedCity>{}) {
    if (other.code == city.code) continue;
    for (const auto& host : other.hosts) {
      if (std::find(city.hosts.begin(), city.hosts.end(), host) != city.hosts.end()) {
        throw Error(ErrorKind::invalid, fmt::format("ホスト名「{}」は{}がすでに使っています", host, other.name), "hosts");
      }
    }
    kept.push_back(std::move(other));
  }
  return kept;
}

}  // namespace

HostedCity checked_hosted_city(store::Store& installation, const HostedCity& city) {
  auto out = cleaned(city);
  std::optional<std::string> stored;
  installation.read([&](store::ReadTx& tx) { stored = tx.setting(kCitiesSetting); });
  others_without_clash(stored, out);
  return out;
}

void save_hosted_city(store::Store& installation, const HostedCity& city, const Actor& by) {
  const auto cleaned_city = cleaned(city);
  installation.write([&](store::WriteTx& tx) {
    const auto stored = tx.setting(kCitiesSetting);
    others_without_clash(stored, cleaned_city);
    auto cities = stored ? parse_cities(*stored) : std::vector<HostedCity>{};
    auto same = std::find_if(cities.begin(), cities.end(), [&](const HostedCity& c) { return c.code == cleaned_city.code; });
    const bool added = same == cities.end();
    if (!added && same->name == cleaned_city.name && same->hosts == cleaned_city.hosts) return;  // nothing changes
    if (added) cities.push_back(cleaned_city);
    else *same = cleaned_city;  // keeps its place in the list
    tx.set_setting(kCitiesSetting, format_cities(cities));
    audit(tx, by, added ? "create" : "update", "hosting", std::nullopt,
          fmt::format("市町村を{}: {}（{}） {}", added ? "追加" : "変更", cleaned_city.name, cleaned_city.code, fmt::join(cleaned_city.hosts, " ")));
  });
}

void record_first_admin_reissued(store::Store& installation, const HostedCity& city, const Actor& by) {
  installation.write([&](store::WriteTx& tx) {
    audit(tx, by, "password_reset", "hosting", std::nullopt, fmt::format("市町村の管理者（admin）のパスワードを再発行: {}（{}）", city.name, city.code));
  });
}

bool is_host_administrator(store::Store& installation, const Actor& actor) {
  if (!actor.signed_in() || actor.system || !actor.account_id || !can_administer(actor)) return false;
  std::optional<std::string> stored;
  installation.read([&](store::ReadTx& tx) { stored = tx.setting(kAdministratorsSetting); });
  const auto logins = lines_of(stored);
  return std::find(logins.begin(), logins.end(), actor.login) != logins.end();
}

void require_host_administrator(store::Store& installation, const Actor& actor) {
  require(actor, is_host_administrator(installation, actor), "市町村の管理");
}

void grant_host_administration(store::Store& installation, const std::string& login, const Actor& by) {
  installation.write([&](store::WriteTx& tx) {
    const auto account = tx.account_by_login(login);
    if (!account) throw Error(ErrorKind::not_found, fmt::format("アカウント「{}」が見つかりません", login), "login");
    if (account->role != domain::Role::admin || account->disabled) {
      throw Error(ErrorKind::invalid, fmt::format("アカウント「{}」は有効な管理者ではありません", login), "login");
    }
    auto logins = lines_of(tx.setting(kAdministratorsSetting));
    if (std::find(logins.begin(), logins.end(), login) != logins.end()) return;
    logins.push_back(login);
    tx.set_setting(kAdministratorsSetting, fmt::format("{}\n", fmt::join(logins, "\n")));
    audit(tx, by, "update", "hosting", account->id, fmt::format("市町村の管理者に追加: {}", login));
  });
}

}  // namespace sasaeai::app
