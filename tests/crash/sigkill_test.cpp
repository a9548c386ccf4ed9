// Crash consistency: while a write load runs against a real server process, the process is killed
// with SIGKILL, again and again. After each restart the database must pass PRAGMA integrity_check
// and hold every write the server acknowledged (every 201), with the id it reported.
//
// Environment: SASAEAI_CRASH_SERVER (the binary; CMake compiles in build/src/sasaeai),
// SASAEAI_CRASH_CYCLES (default 10), SASAEAI_CRASH_SEED (to replay a run's kill delays).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crash/server_process.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Every name this test writes starts with this, so its rows are told apart from the demo city's.
constexpr const char* kPrefix = "crash-";

// A register the load writes to.
struct Target {
  std::string label;
  std::string path;      // API collection
  std::string reg;       // register name in audit_log
  std::string table;     // SQL table
  json (*body)(const std::string& name);
};

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"categories", "/api/v1/resource-categories", "resource-categories", "resource_categories",
       [](const std::string& name) { return json{{"name", name}, {"sort_order", 1}}; }},
      {"resources", "/api/v1/resources", "resources", "resources",
       [](const std::string& name) {
         return json{{"municipality_id", 1}, {"name", name}, {"category_id", 1}, {"status", "活動中"}};
       }},
  };
  return all;
}

// What one writer thread did in one cycle.
struct WriterLog {
  std::size_t target = 0;  // index into targets()
  std::string prefix;
  std::vector<std::pair<std::string, std::int64_t>> acked;  // name, id from the 201 body (0: body unreadable)
  std::vector<std::string> attempted;                       // every name sent, acknowledged or not
  int transport_errors = 0;                                 // no response at all (the kill)
  int other_statuses = 0;                                   // a response, but not 201
  std::vector<std::string> samples;                         // the first few odd responses
};

void write_until_stopped(std::stop_token stop, int port, const std::string& token, WriterLog& log,
                         std::atomic<int>& acked_total) {
  const auto& target = targets()[log.target];
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1);
  client.set_read_timeout(3);
  client.set_write_timeout(3);
  client.set_default_headers({{"Authorization", "Bearer " + token}});
  for (int seq = 0; !stop.stop_requested(); ++seq) {
    const auto name = log.prefix + std::to_string(seq);
    log.attempted.push_back(name);
    auto result = client.Post(target.path.c_str(), target.body(name).dump(), "application/json");
    if (!result) {
      ++log.transport_errors;
      std::this_thread::sleep_for(5ms);
      continue;
    }
    if (result->status != 201) {
      ++log.other_statuses;
      if (log.samples.size() < 3) log.samples.push_back(std::to_string(result->status) + " " + result->body.substr(0, 300));
      continue;
    }
    std::int64_t id = 0;
    auto record = json::parse(result->body, nullptr, false);
    if (!record.is_discarded() && record.contains("id") && record["id"].is_number_integer() && record.value("name", "") == name) {
      id = record["id"].get<std::int64_t>();
    } else if (log.samples.size() < 3) {
      log.samples.push_back("201 with an unexpected body: " + result->body.substr(0, 300));
    }
    log.acked.emplace_back(name, id);
    acked_total.fetch_add(1, std::memory_order_relaxed);
  }
}

// Everything acknowledged and attempted so far, per target.
struct Ledger {
  std::vector<std::map<std::string, std::int64_t>> acked = std::vector<std::map<std::string, std::int64_t>>(targets().size());
  std::vector<std::set<std::string>> attempted = std::vector<std::set<std::string>>(targets().size());
};

struct CheckStats {
  std::vector<std::int64_t> rows = std::vector<std::int64_t>(targets().size());  // the test's rows now
  int unacked_committed = 0;  // this cycle: attempts without a 201 that committed anyway (allowed)
};

std::string first_few(const std::vector<std::string>& names) {
  std::ostringstream out;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) out << (i ? ", " : "") << names[i];
  if (names.size() > 5) out << ", ... (" << names.size() << " in all)";
  return out.str();
}

// Opens the database read-only next to the restarted server and checks it against the ledger.
CheckStats check_database(const std::string& db_path, const Ledger& ledger, const std::set<std::string>& unacked_this_cycle) {
  CheckStats stats;
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  db.setBusyTimeout(5000);

  std::vector<std::string> integrity;
  SQLite::Statement check(db, "PRAGMA integrity_check");
  while (check.executeStep()) integrity.push_back(check.getColumn(0).getString());
  EXPECT_EQ(integrity, std::vector<std::string>{"ok"}) << "PRAGMA integrity_check: " << first_few(integrity);

  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  int fk_violations = 0;
  while (fk.executeStep()) ++fk_violations;
  EXPECT_EQ(fk_violations, 0) << "PRAGMA foreign_key_check found violations";

  const std::string like = std::string(kPrefix) + "%";
  for (std::size_t t = 0; t < targets().size(); ++t) {
    const auto& target = targets()[t];
    std::map<std::string, std::int64_t> rows;
    SQLite::Statement select(db, "SELECT id, name FROM " + target.table + " WHERE name LIKE ?");
    select.bind(1, like);
    while (select.executeStep()) rows[select.getColumn(1).getString()] = select.getColumn(0).getInt64();
    stats.rows[t] = static_cast<std::int64_t>(rows.size());

    std::vector<std::string> missing, wrong_id, phantom;
    for (const auto& [name, id] : ledger.acked[t]) {
      auto it = rows.find(name);
      if (it == rows.end()) {
        missing.push_back(name);
      } else if (id != 0 && it->second != id) {
        wrong_id.push_back(name + " (acknowledged id " + std::to_string(id) + ", stored " + std::to_string(it->second) + ")");
      }
    }
    for (const auto& [name, id] : rows) {
      if (!ledger.attempted[t].contains(name)) phantom.push_back(name);
      if (unacked_this_cycle.contains(name)) ++stats.unacked_committed;
    }
    EXPECT_TRUE(missing.empty()) << target.label << ": acknowledged writes lost after SIGKILL: " << first_few(missing);
    EXPECT_TRUE(wrong_id.empty()) << target.label << ": stored under another id: " << first_few(wrong_id);
    EXPECT_TRUE(phantom.empty()) << target.label << ": rows the test never wrote: " << first_few(phantom);

    // The audit entry is written in the same transaction as the row: both or neither.
    std::map<std::string, std::int64_t> audited;
    SQLite::Statement audit(db, "SELECT record_id, summary FROM audit_log WHERE action = 'create' AND register = ? AND summary LIKE ?");
    audit.bind(1, target.reg);
    audit.bind(2, like);
    while (audit.executeStep()) audited[audit.getColumn(1).getString()] = audit.getColumn(0).getInt64();
    EXPECT_EQ(audited, rows) << target.label << ": rows and their audit_log entries differ (a torn transaction)";
  }
  return stats;
}

// The restarted server itself must serve every acknowledged record.
void check_api(int port, const std::string& token, const Ledger& ledger) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(10);
  client.set_default_headers({{"Authorization", "Bearer " + token}});
  for (std::size_t t = 0; t < targets().size(); ++t) {
    const auto& target = targets()[t];
    auto result = client.Get((target.path + "?per_page=0").c_str());
    ASSERT_TRUE(result) << target.label << ": no response from the restarted server: " << httplib::to_string(result.error());
    ASSERT_EQ(result->status, 200) << result->body;
    auto page = json::parse(result->body, nullptr, false);
    ASSERT_FALSE(page.is_discarded()) << result->body.substr(0, 300);
    std::set<std::string> names;
    for (const auto& item : page["items"]) names.insert(item.value("name", ""));
    EXPECT_EQ(page["total"].get<std::size_t>(), page["items"].size()) << target.label;
    std::vector<std::string> missing;
    for (const auto& [name, id] : ledger.acked[t]) {
      if (!names.contains(name)) missing.push_back(name);
    }
    EXPECT_TRUE(missing.empty()) << target.label << ": the restarted server does not list acknowledged writes: " << first_few(missing);
  }
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::atoi(v) : fallback;
}

// Log lines that a clean start does not print.
std::vector<std::string> startup_complaints(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("[error]") != std::string::npos || line.find("[critical]") != std::string::npos ||
        line.find("[warning]") != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

class SigkillTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ::signal(SIGPIPE, SIG_IGN); }  // writes to a killed server's sockets

  // Starts the server on the database and waits for its port.
  void start_server(bool demo) {
    const auto log = dir.file("server-" + std::to_string(++starts) + ".log");
    server = std::make_unique<ServerProcess>(db_path, log, demo);
    port = server->wait_until_listening(20s);
  }

  TempDir dir;  // declared first: removed after the server below is gone
  std::string db_path = dir.file("crash.db");
  std::unique_ptr<ServerProcess> server;  // its destructor SIGKILLs a server still running
  int port = 0;
  int starts = 0;
};

TEST_F(SigkillTest, AcknowledgedWritesSurviveRepeatedKills) {
  const auto binary = server_binary();
  ASSERT_FALSE(binary.empty()) << "set SASAEAI_CRASH_SERVER to the sasaeai binary";
  ASSERT_TRUE(std::filesystem::exists(binary)) << binary;
  const int cycles = env_int("SASAEAI_CRASH_CYCLES", 10);
  const auto seed = static_cast<std::uint32_t>(env_int("SASAEAI_CRASH_SEED", static_cast<int>(std::random_device{}() & 0x7fffffff)));
  std::printf("[ crash    ] %d cycles, seed %u (SASAEAI_CRASH_SEED=%u replays the kill delays)\n", cycles, seed, seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_delay_ms(200, 800);

  try {
    start_server(true);
  } catch (const std::exception& e) {
    FAIL() << "the first start failed: " << e.what();
  }
  const auto token_run = run_command({binary, "--db", db_path, "token", "--login", "kanri", "--name", "crash"}, dir.file("token.out"), 30s);
  ASSERT_EQ(token_run.exit_code, 0) << token_run.output;
  std::string token;
  std::istringstream token_lines(token_run.output);
  for (std::string line; std::getline(token_lines, line);) {
    if (!line.empty() && line.find(' ') == std::string::npos) token = line;  // the token; log lines have spaces
  }
  ASSERT_GE(token.size(), 20u) << token_run.output;

  // Two writers on resource categories, one on resources (a table with foreign keys).
  const std::vector<std::size_t> writer_targets = {0, 0, 1};
  Ledger ledger;
  std::int64_t total_acked = 0;
  int kills = 0;
  const auto started = Clock::now();

  for (int cycle = 1; cycle <= cycles; ++cycle) {
    std::vector<WriterLog> logs(writer_targets.size());
    std::atomic<int> acked{0};
    bool load_running = false, alive_at_kill = false;
    int delay = 0;
    std::int64_t first_ack_ms = -1;
    int kill_status = 0;
    {
      std::vector<std::jthread> writers;  // on any exit: stop requested, then joined
      const auto load_started = Clock::now();
      for (std::size_t w = 0; w < writer_targets.size(); ++w) {
        logs[w].target = writer_targets[w];
        logs[w].prefix = std::string(kPrefix) + "c" + std::to_string(cycle) + "-w" + std::to_string(w) + "-";
        writers.emplace_back(write_until_stopped, port, std::cref(token), std::ref(logs[w]), std::ref(acked));
      }
      // Kill only once the load is demonstrably under way, at a random moment after that.
      const auto deadline = Clock::now() + 10s;
      while (acked.load() == 0 && Clock::now() < deadline && server->running()) std::this_thread::sleep_for(1ms);
      load_running = acked.load() > 0;
      first_ack_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - load_started).count();
      delay = kill_delay_ms(rng);
      if (load_running) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
      alive_at_kill = server->running();
      kill_status = server->kill_hard();
      ++kills;
      for (auto& w : writers) w.request_stop();
    }
    ASSERT_TRUE(alive_at_kill) << "cycle " << cycle << ": the server " << describe_status(kill_status)
                               << " on its own before the kill; its log:\n" << server->log();
    ASSERT_TRUE(load_running) << "cycle " << cycle << ": no write was acknowledged within 10 s; its log:\n" << server->log();
    EXPECT_TRUE(WIFSIGNALED(kill_status) && WTERMSIG(kill_status) == SIGKILL) << describe_status(kill_status);

    int acked_cycle = 0, attempts = 0, transport_errors = 0, other_statuses = 0;
    std::vector<int> acked_per_target(targets().size());
    std::set<std::string> unacked;
    for (const auto& log : logs) {
      std::set<std::string> acked_names;
      for (const auto& [name, id] : log.acked) {
        ledger.acked[log.target][name] = id;
        acked_names.insert(name);
      }
      for (const auto& name : log.attempted) {
        ledger.attempted[log.target].insert(name);
        if (!acked_names.contains(name)) unacked.insert(name);
      }
      acked_cycle += static_cast<int>(log.acked.size());
      acked_per_target[log.target] += static_cast<int>(log.acked.size());
      attempts += static_cast<int>(log.attempted.size());
      transport_errors += log.transport_errors;
      other_statuses += log.other_statuses;
      // A response other than a well-formed 201 is a server fault (the kill only cuts connections).
      EXPECT_TRUE(log.samples.empty()) << "cycle " << cycle << " " << log.prefix << ": " << first_few(log.samples);
    }
    total_acked += acked_cycle;
    EXPECT_GT(acked_cycle, 0) << "cycle " << cycle;

    const auto restart_began = Clock::now();
    try {
      start_server(false);
    } catch (const std::exception& e) {
      FAIL() << "cycle " << cycle << ": the server did not come back after SIGKILL: " << e.what();
    }
    const auto restart_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restart_began).count();
    const auto complaints = startup_complaints(server->log());
    EXPECT_TRUE(complaints.empty()) << "cycle " << cycle << ": the restart logged: " << first_few(complaints);

    const auto stats = check_database(db_path, ledger, unacked);
    check_api(port, token, ledger);

    std::printf(
        "[ crash    ] cycle %2d: kill %3d ms after the first 201 (%lld ms); sent %4d, acknowledged %4d (categories %d, resources %d), "
        "%zu sent unacknowledged (%d committed anyway), %d transport errors, %d other statuses; restart %lld ms; rows categories %lld, resources %lld\n",
        cycle, delay, static_cast<long long>(first_ack_ms), attempts, acked_cycle, acked_per_target[0], acked_per_target[1], unacked.size(),
        stats.unacked_committed, transport_errors, other_statuses, static_cast<long long>(restart_ms), static_cast<long long>(stats.rows[0]),
        static_cast<long long>(stats.rows[1]));
    std::fflush(stdout);
    if (HasFailure()) break;  // one broken cycle is enough to read; later ones would only repeat it
  }

  // The server that came back after the last kill still takes writes.
  if (!HasFailure()) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(2);
    client.set_read_timeout(10);
    client.set_default_headers({{"Authorization", "Bearer " + token}});
    auto result = client.Post("/api/v1/resource-categories", targets()[0].body(std::string(kPrefix) + "final").dump(), "application/json");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 201) << result->body;
  }
  std::printf("[ crash    ] %lld writes acknowledged over %d kills in %.1f s\n", static_cast<long long>(total_acked), kills,
              std::chrono::duration<double>(Clock::now() - started).count());
}

}  // namespace
}  // namespace sasaeai::test
