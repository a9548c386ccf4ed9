// sasaeai: the command line. `serve` runs the web server; `load FILE` fills an empty database
// from a city data file; `backup FILE` and `restore FILE` copy the database while it is in use;
// `token` issues an API token. The database is an SQLite file or a PostgreSQL URL (--database).
// Errors end with a Japanese message and exit status 1.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/accounts.hpp"
#include "app/coverage.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "app/hosting.hpp"
#include "io/demo_city.hpp"
#include "io/osm_network.hpp"
#include "store/open.hpp"
#include "store/sqlite/restore.hpp"
#include "store/store.hpp"
#include "web/server.hpp"

namespace {

sasaeai::web::WebServer* g_server = nullptr;

void on_signal(int) {
  if (g_server) g_server->stop();
}

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::string(v) : fallback;
}

// The database for messages: a PostgreSQL URL without its password.
std::string described(const std::string& database) {
  if (!sasaeai::store::is_postgres(database)) return database;
  const auto scheme_end = database.find("://") + 3;
  const auto at = database.find('@', scheme_end);
  const auto colon = database.find(':', scheme_end);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return database;
  return database.substr(0, colon) + ":***" + database.substr(at);
}

// Backups and restores copy SQLite files; a PostgreSQL database has its own tools.
void refuse_postgres(const std::string& database, const char* what) {
  if (!sasaeai::store::is_postgres(database)) return;
  throw sasaeai::Error(sasaeai::ErrorKind::invalid,
                       fmt::format("PostgreSQL のデータベースの{}はこのコマンドではできません。pg_dump と pg_restore を使ってください。", what));
}

// Creates the first administrator of a city's empty account list, and says how to sign in.
void ensure_first_admin(sasaeai::store::Store& store, const std::string& city) {
  sasaeai::app::Accounts accounts(store);
  if (auto password = accounts.ensure_first_admin(env_or("SASAEAI_ADMIN_PASSWORD", ""))) {
    if (std::getenv("SASAEAI_ADMIN_PASSWORD")) {
      spdlog::info("created the first administrator 'admin' of {} with the password from SASAEAI_ADMIN_PASSWORD", city);
    } else {
      spdlog::warn("{}の初回の管理者アカウントを作成しました。ログインID: admin  一度だけ使えるパスワード: {}  （サインイン後に変更してください）",
                   city, *password);
    }
  }
}

// The demo's second city, on a host name every browser sends to this machine.
const sasaeai::app::HostedCity kDemoSecondCity{"092011", "宇都宮市", {"utsunomiya.localhost"}};

struct OpenCity {
  sasaeai::app::HostedCity city;
  std::unique_ptr<sasaeai::store::Store> store;
  std::string database_path;
};

std::unique_ptr<sasaeai::store::Store> open_city_store(const std::string& db_path, const std::string& code, std::string* file,
                                                       const std::string& read_db = {}) {
  const auto where = sasaeai::app::city_store_location(db_path, code);
  if (file) *file = sasaeai::store::is_postgres(where.database) ? std::string() : where.database;
  sasaeai::store::OpenOptions options;
  options.schema = where.schema;
  options.read_database = read_db;  // every city's schema is on the replica too
  return sasaeai::store::open_store(where.database, options);
}

int serve(const std::string& db_path, const std::string& read_db, sasaeai::web::ServerConfig config, bool demo) {
  if (!read_db.empty() && !(sasaeai::store::is_postgres(db_path) && sasaeai::store::is_postgres(read_db))) {
    throw sasaeai::Error(sasaeai::ErrorKind::invalid,
                         "--read-database（読み取り用のレプリカ）は、--database と同じく PostgreSQL の URL で指定してください。");
  }
  // Backups kept by the server are SQLite files next to the database; PostgreSQL has pg_dump.
  config.database_path = sasaeai::store::is_postgres(db_path) ? std::string() : db_path;
  sasaeai::store::OpenOptions main_options;
  main_options.read_database = read_db;
  auto store = sasaeai::store::open_store(db_path, main_options);
  if (demo && sasaeai::io::is_empty(*store)) {
    const auto summary = sasaeai::io::load_city(*store, sasaeai::io::embedded_demo_city());
    spdlog::info("loaded the demo city ({} records) into {}", summary.records, described(db_path));
  }
  ensure_first_admin(*store, "この市町村");
  if (demo) {
    sasaeai::app::save_hosted_city(*store, kDemoSecondCity, sasaeai::app::Actor::system_actor("demo"));
    // The demo's administrator also manages its cities (/host/cities), where it has one.
    try {
      sasaeai::app::grant_host_administration(*store, "kanri", sasaeai::app::Actor::system_actor("demo"));
    } catch (const sasaeai::Error& e) {
      spdlog::info("kanri does not manage the cities: {}", e.what());
    }
  }
  // The installation's own city answers every host name no hosted city claims.
  std::vector<OpenCity> hosted;
  for (auto& city : sasaeai::app::hosted_cities(*store)) {
    OpenCity open{city, nullptr, {}};
    open.store = open_city_store(db_path, city.code, &open.database_path, read_db);
    if (demo && city.code == kDemoSecondCity.code && sasaeai::io::is_empty(*open.store)) {
      const auto summary = sasaeai::io::load_city(*open.store, sasaeai::io::embedded_demo_city(city.code));
      spdlog::info("loaded the demo city {} ({} records)", city.name, summary.records);
    }
    ensure_first_admin(*open.store, city.name);
    hosted.push_back(std::move(open));
  }
  std::vector<sasaeai::web::Site> sites{{"", "", {}, store.get(), config.database_path}};
  for (auto& open : hosted) sites.push_back({open.city.code, open.city.name, open.city.hosts, open.store.get(), open.database_path});
  // Cities added while the server runs (from /host/cities, or by another server of the same
  // database) get their stores where `city add` puts them.
  auto opener = [db_path, read_db](const std::string& code) {
    sasaeai::web::OpenedCity opened;
    opened.store = open_city_store(db_path, code, &opened.database_path, read_db);
    return opened;
  };
  sasaeai::web::WebServer server(config, sites, opener);
  const int port = server.bind();
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  spdlog::info("sasaeai listening on http://{}:{}/ (database {})", config.bind_address, port, described(db_path));
  if (!read_db.empty()) spdlog::info("reads go to the replica {} whenever it has caught up with the primary", described(read_db));
  for (const auto& open : hosted) spdlog::info("{}: http://{}:{}/", open.city.name, open.city.hosts.front(), port);
  server.serve();
  g_server = nullptr;
  spdlog::info("stopped");
  return 0;
}

// `city add`: a municipality of its own on this installation, with its store and first
// administrator; `serve` then answers its host names with it.
int add_city(const std::string& db_path, const sasaeai::app::HostedCity& city) {
  auto store = sasaeai::store::open_store(db_path);
  const auto checked = sasaeai::app::checked_hosted_city(*store, city);
  // The store first, then the list: a running server that sees the city finds its store ready.
  auto city_store = open_city_store(db_path, checked.code, nullptr);
  ensure_first_admin(*city_store, checked.name);
  sasaeai::app::save_hosted_city(*store, checked, sasaeai::app::Actor::system_actor("command-line"));
  spdlog::info("{}（{}）を追加しました: {}", city.name, city.code, fmt::join(city.hosts, ", "));
  return 0;
}

int grant_host_admin(const std::string& db_path, const std::string& login) {
  auto store = sasaeai::store::open_store(db_path);
  sasaeai::app::grant_host_administration(*store, login, sasaeai::app::Actor::system_actor("command-line"));
  spdlog::info("{} は市町村の管理（/host/cities）ができます", login);
  return 0;
}

int list_cities(const std::string& db_path) {
  auto store = sasaeai::store::open_store(db_path);
  for (const auto& city : sasaeai::app::hosted_cities(*store)) fmt::print("{}\t{}\t{}\n", city.code, city.name, fmt::join(city.hosts, " "));
  return 0;
}

int backup(const std::string& db_path, const std::string& file) {
  refuse_postgres(db_path, "バックアップ");
  if (std::filesystem::exists(file)) throw sasaeai::Error(sasaeai::ErrorKind::conflict, "すでにファイルがあります: " + file);
  auto store = sasaeai::store::open_sqlite(db_path);
  store->backup_to(file);
  store->write([&](sasaeai::store::WriteTx& tx) {
    sasaeai::app::audit(tx, sasaeai::app::Actor::system_actor("command-line"), "export", "backup", std::nullopt, "バックアップ: " + file);
  });
  spdlog::info("backed up {} to {}", db_path, file);
  return 0;
}

int restore(const std::string& db_path, const std::string& file) {
  refuse_postgres(db_path, "復元");
  sasaeai::store::restore_sqlite(db_path, file);
  auto store = sasaeai::store::open_sqlite(db_path);
  store->write([&](sasaeai::store::WriteTx& tx) {
    sasaeai::app::audit(tx, sasaeai::app::Actor::system_actor("command-line"), "import", "backup", std::nullopt, "復元: " + file);
  });
  spdlog::info("restored {} from {}", db_path, file);
  return 0;
}

int token(const std::string& db_path, const std::string& login, const std::string& name) {
  auto store = sasaeai::store::open_store(db_path);
  std::optional<sasaeai::domain::Account> account;
  store->read([&](sasaeai::store::ReadTx& tx) { account = tx.account_by_login(login); });
  if (!account) throw sasaeai::Error(sasaeai::ErrorKind::not_found, "アカウントが見つかりません: " + login);
  sasaeai::app::Accounts accounts(*store);
  std::cout << accounts.create_api_token(sasaeai::app::Actor::of(*account, "command-line"), name) << std::endl;
  return 0;
}

int network(const std::string& db_path, const std::string& file) {
  auto store = sasaeai::store::open_store(db_path);
  sasaeai::io::OsmNetworkSummary summary;
  const auto graph = sasaeai::io::read_osm_walk_network_file(file, &summary);
  sasaeai::core::WorkerPool no_analysis(1);
  sasaeai::app::Coverage(*store, no_analysis).save_network(sasaeai::app::Actor::system_actor("command-line"), graph,
                                              std::filesystem::path(file).filename().string(), summary.components);
  spdlog::info("walking network from {}: {} nodes, {} edges, {} walkable ways ({} other highways left out), {} connected pieces, {:.1f} MB in memory",
               file, graph.node_count(), graph.edge_count(), summary.ways, summary.skipped_ways, summary.components,
               static_cast<double>(graph.memory_bytes()) / 1e6);
  return 0;
}

int load(const std::string& db_path, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw sasaeai::Error(sasaeai::ErrorKind::not_found, "ファイルを開けません: " + file);
  std::stringstream text;
  text << in.rdbuf();
  auto store = sasaeai::store::open_store(db_path);
  if (!sasaeai::io::is_empty(*store)) throw sasaeai::Error(sasaeai::ErrorKind::conflict, "データベースが空ではありません: " + described(db_path));
  const auto summary = sasaeai::io::load_city(*store, text.str());
  spdlog::info("loaded {} records from {} into {}", summary.records, file, described(db_path));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Sasaeai (ささえあい) — 生活支援体制整備事業の支援システム"};
  cli.require_subcommand(0, 1);
  std::string db_path = env_or("SASAEAI_DATABASE", env_or("SASAEAI_DB", "sasaeai.db"));
  cli.add_option("--database,--db", db_path,
                 "SQLite database file, or a PostgreSQL URL postgresql://user@host/dbname (env SASAEAI_DATABASE; --db and SASAEAI_DB also work)");
  std::string read_db = env_or("SASAEAI_READ_DATABASE", "");
  cli.add_option("--read-database", read_db,
                 "PostgreSQL only: URL of a streaming replica that serves reads once it has caught up (env SASAEAI_READ_DATABASE)");
  bool verbose = false;
  cli.add_flag("-v,--verbose", verbose, "Log every request");

  sasaeai::web::ServerConfig config;
  config.bind_address = env_or("SASAEAI_BIND", config.bind_address);
  config.port = std::stoi(env_or("SASAEAI_PORT", std::to_string(config.port)));
  bool demo = false;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the web server (default)");
  serve_cmd->add_option("--bind", config.bind_address, "Address to listen on (env SASAEAI_BIND)");
  serve_cmd->add_option("--port", config.port, "Port; 0 picks a free one (env SASAEAI_PORT)")->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--threads", config.threads, "Worker threads")->check(CLI::Range(4, 1024));
  serve_cmd->add_option("--analysis-threads", config.analysis_threads, "Threads shared by all analyses; 0: one per core")
      ->check(CLI::Range(0, 256));
  serve_cmd->add_option("--max-connections-per-address", config.max_connections_per_address,
                        "Connections served at once from one client address; 0: no cap (behind a reverse proxy on this machine)");
  serve_cmd->add_option("--trusted-proxy", config.trusted_proxy,
                        "Address of a reverse proxy (e.g. 127.0.0.1) whose X-Forwarded-For names the client");
  serve_cmd->add_flag("--demo", demo, "Load the embedded demo city when the database is empty");
  serve_cmd->add_option("--tls-cert", config.tls_certificate, "TLS certificate (PEM); with --tls-key serves HTTPS")->check(CLI::ExistingFile);
  serve_cmd->add_option("--tls-key", config.tls_private_key, "TLS private key (PEM)")->check(CLI::ExistingFile);
  std::string tiles;
  serve_cmd->add_option("--tiles", tiles,
                        "Base map: a tile URL with {z}/{x}/{y}, a local .mbtiles file, or 'none' (env SASAEAI_TILES; default: GSI pale map)")
      ->envname("SASAEAI_TILES");
  serve_cmd->add_option("--tiles-attribution", config.tiles.attribution, "Attribution shown for a tile URL");

  std::string file;
  auto* load_cmd = cli.add_subcommand("load", "Load a city data file (JSON) into an empty database");
  load_cmd->add_option("file", file, "City data file")->required();

  auto* backup_cmd = cli.add_subcommand("backup", "Copy the database to FILE while the server keeps running");
  backup_cmd->add_option("file", file, "Backup file to create")->required();
  auto* restore_cmd = cli.add_subcommand("restore", "Check FILE and replace the database with it");
  restore_cmd->add_option("file", file, "Backup file")->required();  // restore says in Japanese when it is missing
  auto* network_cmd = cli.add_subcommand("network", "Import the walking network from an OpenStreetMap file (.osm.pbf, .osm)");
  network_cmd->add_option("file", file, "OpenStreetMap file (a city extract)")->required()->check(CLI::ExistingFile);
  std::string login, token_name = "script";
  auto* token_cmd = cli.add_subcommand("token", "Issue an API token for an account and print it");
  token_cmd->add_option("--login", login, "Account")->required();
  token_cmd->add_option("--name", token_name, "What the token is for");

  sasaeai::app::HostedCity city;
  auto* city_cmd = cli.add_subcommand("city", "Municipalities hosted beside the installation's own (docs/scaling.md)");
  city_cmd->require_subcommand(1);
  auto* city_add_cmd = city_cmd->add_subcommand("add", "Add a municipality with its own store and first administrator, or change its host names");
  city_add_cmd->add_option("--code", city.code, "全国地方公共団体コード (6 digits)")->required();
  city_add_cmd->add_option("--name", city.name, "Name, e.g. 宇都宮市")->required();
  city_add_cmd->add_option("--host", city.hosts, "Host name its pages are served on (repeatable)")->required();
  auto* city_list_cmd = city_cmd->add_subcommand("list", "List the hosted municipalities");
  auto* city_admin_cmd = city_cmd->add_subcommand("host-admin", "Let an administrator of the installation's own city manage the municipalities (/host/cities)");
  city_admin_cmd->add_option("--login", login, "Login of an enabled administrator")->required();

  CLI11_PARSE(cli, argc, argv);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  try {
    if (load_cmd->parsed()) return load(db_path, file);
    if (backup_cmd->parsed()) return backup(db_path, file);
    if (restore_cmd->parsed()) return restore(db_path, file);
    if (token_cmd->parsed()) return token(db_path, login, token_name);
    if (network_cmd->parsed()) return network(db_path, file);
    if (city_add_cmd->parsed()) return add_city(db_path, city);
    if (city_list_cmd->parsed()) return list_cities(db_path);
    if (city_admin_cmd->parsed()) return grant_host_admin(db_path, login);
    if (tiles.ends_with(".mbtiles")) {
      config.tiles.mbtiles_path = tiles;
    } else if (!tiles.empty()) {
      config.tiles.url = tiles == "none" ? "" : tiles;
      if (tiles != sasaeai::web::TileConfig::kGsiPale) config.tiles.attribution_url.clear();
    }
    return serve(db_path, read_db, config, demo);
  } catch (const sasaeai::Error& e) {
    spdlog::error("{}", e.what());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
  return 1;
}
