#include "app/hosting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {
namespace {

constexpr std::string_view kCitiesSetting = "hosting.cities";

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
  std::vector<HostedCity> cities;
  if (!stored || stored->empty()) return cities;
  const auto list = nlohmann::json::parse(*stored);
  for (const auto& item : list) {
    HostedCity city{item.at("code").get<std::string>(), item.at("name").get<std::string>(), {}};
    for (const auto& host : item.at("hosts")) city.hosts.push_back(host.get<std::string>());
    cities.push_back(std::move(city));
  }
  return cities;
}

void save_hosted_city(store::Store& installation, const HostedCity& city) {
  if (!domain::is_valid_local_gov_code(city.code)) {
    throw Error(ErrorKind::invalid, fmt::format("団体コード「{}」は検査数字を含む6桁の全国地方公共団体コードで入力してください（例: 092011）", city.code), "code");
  }
  if (city.name.empty()) throw Error(ErrorKind::invalid, "市町村名を入力してください", "name");
  if (city.hosts.empty()) throw Error(ErrorKind::invalid, "ホスト名を1つ以上入力してください", "hosts");
  HostedCity cleaned{city.code, city.name, {}};
  for (const auto& host : city.hosts) cleaned.hosts.push_back(host_name(host));
  installation.write([&](store::WriteTx& tx) {
    const auto stored = tx.setting(kCitiesSetting);
    auto list = stored && !stored->empty() ? nlohmann::json::parse(*stored) : nlohmann::json::array();
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& item : list) {
      if (item.at("code") == cleaned.code) continue;
      for (const auto& host : item.at("hosts")) {
        if (std::find(cleaned.hosts.begin(), cleaned.hosts.end(), host.get<std::string>()) != cleaned.hosts.end()) {
          throw Error(ErrorKind::invalid, fmt::format("ホスト名「{}」は{}がすでに使っています", host.get<std::string>(), item.at("name").get<std::string>()), "hosts");
        }
      }
      kept.push_back(item);
    }
    kept.push_back({{"code", cleaned.code}, {"name", cleaned.name}, {"hosts", cleaned.hosts}});
    tx.set_setting(kCitiesSetting, kept.dump());
  });
}

}  // namespace sasaeai::app
