// Backups kept on the server and the restore from one of them (app/backups.hpp).
#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <system_error>

#include "app/backups.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "store/sqlite/restore.hpp"

namespace sasaeai::app {

namespace fs = std::filesystem;

namespace {

// sasaeai-20261201-130455.db, sasaeai-20261201-130455-before-restore.db, …-upload-2.db
const std::regex& name_pattern() {
  static const std::regex pattern(R"(^sasaeai-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(before-restore|upload))?(?:-\d+)?\.db$)");
  return pattern;
}

std::optional<KeptBackup> parse_name(const std::string& name) {
  std::smatch m;
  if (!std::regex_match(name, m, name_pattern())) return std::nullopt;
  KeptBackup b;
  b.name = name;
  b.taken_at = fmt::format("{}-{}-{}T{}:{}:{}Z", m[1].str(), m[2].str(), m[3].str(), m[4].str(), m[5].str(), m[6].str());
  b.kind = m[7].str();
  return b;
}

// Actions that change nothing (reading, signing in, downloading): not lost by a restore.
bool changes_data(const std::string& action) {
  static const std::set<std::string> reading = {"view", "sign_in", "sign_in_failed", "sign_out", "export"};
  return !reading.count(action);
}

void require_admin(const Actor& actor) { require(actor, can_administer(actor), "バックアップと復元"); }

}  // namespace

BackupShelf::BackupShelf(store::Store& store, std::string database_path) : store_(store), database_path_(std::move(database_path)) {}

fs::path BackupShelf::directory() const {
  if (database_path_.empty()) throw Error(ErrorKind::not_found, "このサーバーではバックアップを保存できません（データベースのファイルが分かりません）");
  const fs::path dir = database_path_ + "-backups";
  if (!fs::exists(dir)) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);  // personal data: only this user
  }
  return dir;
}

fs::path BackupShelf::file_of(const std::string& name) const {
  // Only names of the pattern, so no path can reach outside the directory.
  if (!parse_name(name)) throw Error(ErrorKind::not_found, "そのバックアップはありません");
  const auto file = directory() / name;
  if (!fs::is_regular_file(file)) throw Error(ErrorKind::not_found, "そのバックアップはありません: " + name);
  return file;
}

std::vector<KeptBackup> BackupShelf::list(const Actor& actor) const {
  require_admin(actor);
  std::vector<KeptBackup> out;
  if (!available()) return out;
  for (const auto& entry : fs::directory_iterator(directory())) {
    auto b = parse_name(entry.path().filename().string());
    if (!b || !entry.is_regular_file()) continue;
    b->bytes = entry.file_size();
    out.push_back(std::move(*b));
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.name > y.name; });  // newest first
  return out;
}

KeptBackup BackupShelf::copy_now(const std::string& kind) {
  const auto dir = directory();
  const auto now = dates::to_utc_timestamp(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  // 2026-12-01T13:04:55Z → 20261201-130455
  const auto stamp = now.substr(0, 4) + now.substr(5, 2) + now.substr(8, 2) + "-" + now.substr(11, 2) + now.substr(14, 2) + now.substr(17, 2);
  const auto base = "sasaeai-" + stamp + (kind.empty() ? "" : "-" + kind);
  std::string name = base + ".db";
  for (int n = 2; fs::exists(dir / name); ++n) name = fmt::format("{}-{}.db", base, n);
  // Written under a name the list skips, then renamed: the list never shows half a file.
  const auto partial = dir / (".partial-" + name);
  std::error_code ignored;
  fs::remove(partial, ignored);
  try {
    store_.backup_to(partial.string());
    fs::rename(partial, dir / name);
  } catch (...) {
    fs::remove(partial, ignored);
    throw;
  }
  auto b = *parse_name(name);
  b.bytes = fs::file_size(dir / name);
  return b;
}

KeptBackup BackupShelf::save(const Actor& actor) {
  require_admin(actor);
  std::lock_guard lock(mutex_);
  auto b = copy_now("");
  store_.write([&](store::WriteTx& tx) { audit(tx, actor, "export", "backup", std::nullopt, "サーバーにバックアップを保存: " + b.name); });
  return b;
}

KeptBackup BackupShelf::keep_upload(const Actor& actor, const std::string& bytes) {
  require_admin(actor);
  if (bytes.empty()) throw Error(ErrorKind::invalid, "バックアップファイルを選んでください", "file");
  std::lock_guard lock(mutex_);
  const auto dir = directory();
  std::string scratch = (dir / ".upload-XXXXXX").string();
  const int fd = ::mkstemp(scratch.data());
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemp " + scratch);
  ::close(fd);
  std::error_code ignored;
  try {
    {
      std::ofstream out(scratch, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out.flush()) throw std::runtime_error("cannot write " + scratch);
    }
    try {
      store::check_backup_sqlite(database_path_, scratch);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      throw Error(ErrorKind::invalid, std::string("このファイルはささえあいのバックアップとして使えません。データは何も変えていません。（") + e.what() + "）", "file");
    }
    const auto now = dates::to_utc_timestamp(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const auto base = "sasaeai-" + now.substr(0, 4) + now.substr(5, 2) + now.substr(8, 2) + "-" + now.substr(11, 2) + now.substr(14, 2) + now.substr(17, 2) + "-upload";
    std::string name = base + ".db";
    for (int n = 2; fs::exists(dir / name); ++n) name = fmt::format("{}-{}.db", base, n);
    fs::rename(scratch, dir / name);
    auto b = *parse_name(name);
    b.bytes = bytes.size();
    store_.write([&](store::WriteTx& tx) { audit(tx, actor, "import", "backup", std::nullopt, "復元用のバックアップファイルを受け取り: " + name); });
    return b;
  } catch (...) {
    fs::remove(scratch, ignored);
    throw;
  }
}

RestorePreview BackupShelf::preview(const Actor& actor, const std::string& name) {
  require_admin(actor);
  RestorePreview p;
  const auto file = file_of(name);
  p.backup = *parse_name(name);
  p.backup.bytes = fs::file_size(file);
  const auto facts = store::check_backup_sqlite(database_path_, file.string());
  p.last_change_at = facts.last_change_at;
  // A backup made here holds everything up to its time; an uploaded one, up to its newest change.
  p.since = p.backup.kind == "upload" ? facts.last_change_at : p.backup.taken_at;
  store_.read([&](store::ReadTx& tx) {
    domain::AuditQuery q;
    q.from_at = p.since;
    q.limit = 100000;
    for (auto& e : tx.audit(q)) {
      // From the second of the backup on (inclusive): a change in that same second may be lost.
      if (!changes_data(e.action)) continue;
      ++p.lost_changes;
      if (p.lost_examples.size() < 10) p.lost_examples.push_back(std::move(e));
    }
  });
  return p;
}

RestoreOutcome BackupShelf::restore(const Actor& actor, const std::string& name, const std::string& keep_session_hash) {
  require_admin(actor);
  std::lock_guard lock(mutex_);
  RestoreOutcome out;
  const auto file = file_of(name);
  out.restored = *parse_name(name);
  std::optional<domain::Session> session;
  std::optional<domain::Account> account;
  if (!keep_session_hash.empty()) {
    store_.read([&](store::ReadTx& tx) {
      session = tx.session(keep_session_hash);
      if (session) account = tx.account(session->account_id);
    });
  }
  // The state before, kept first: a restore of the wrong file can itself be undone.
  out.saved_before = copy_now("before-restore");
  store::restore_sqlite(database_path_, file.string());
  store_.write([&](store::WriteTx& tx) {
    if (session && account) {
      const auto again = tx.account(account->id);
      if (again && again->login == account->login && !again->disabled) {
        if (!tx.session(session->token_hash)) tx.insert_session(*session);
        out.session_kept = true;
      }
    }
    audit(tx, actor, "import", "backup", std::nullopt,
          fmt::format("バックアップ「{}」から復元（復元前の状態はバックアップ「{}」に保存）", out.restored.name, out.saved_before.name));
  });
  return out;
}

}  // namespace sasaeai::app
