#pragma once
// A copy of the whole database for 管理者 to download, with its audit entry; and backups kept on
// the server, from which 管理者 restores the database in the web pages.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "domain/account.hpp"

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// Refused (forbidden) unless the actor administers: the page that offers the download.
void require_backup(const Actor& actor);

// Refused (forbidden) unless the actor administers. The copy is made in a new directory under
// `work_dir` that only this process's user may open, with a name nobody can guess (mkdtemp),
// and that directory is removed before returning, whether the copy succeeded or not.
std::string backup_bytes(store::Store& store, const Actor& actor,
                         const std::filesystem::path& work_dir = std::filesystem::temp_directory_path());

// A backup kept on the server, in a directory of its own next to the database.
struct KeptBackup {
  std::string name;      // file name: sasaeai-YYYYMMDD-HHMMSS[-kind].db (UTC)
  std::string taken_at;  // UTC, yyyy-mm-ddThh:mm:ssZ (for an upload: when it was sent)
  std::string kind;      // "" (saved from the page), "before-restore", "upload"
  std::uintmax_t bytes = 0;
};

// What restoring a kept backup would mean, for the confirmation page.
struct RestorePreview {
  KeptBackup backup;
  std::string last_change_at;  // the newest change recorded in the backup ("" when none)
  std::string since;           // changes recorded after this (UTC) are lost by the restore
  std::int64_t lost_changes = 0;
  std::vector<domain::AuditEntry> lost_examples;  // newest first, at most 10
};

struct RestoreOutcome {
  KeptBackup restored;
  KeptBackup saved_before;  // the state just before the restore, kept as a backup
  bool session_kept = false;
};

class BackupShelf {
 public:
  // `database_path`: the live SQLite file; the backups go to `database_path` + "-backups".
  // An empty path: the server was not told its database file, and nothing here is offered.
  BackupShelf(store::Store& store, std::string database_path);

  bool available() const { return !database_path_.empty(); }
  // Every method refuses (forbidden) unless the actor administers, before anything else.
  std::vector<KeptBackup> list(const Actor& actor) const;
  KeptBackup save(const Actor& actor);
  // Checks the bytes as restore would (an intact Sasaeai database of a schema this program can
  // bring up to date) and keeps them as a backup; throws Error(invalid) otherwise and keeps nothing.
  KeptBackup keep_upload(const Actor& actor, const std::string& bytes);
  RestorePreview preview(const Actor& actor, const std::string& name);
  // Saves the current state as a backup, then replaces the database with the backup in one step
  // (store/sqlite/restore.hpp) and records it in the audit trail. The session whose hash is
  // `keep_session_hash` (the administrator's own) is carried over when its account is in the backup.
  RestoreOutcome restore(const Actor& actor, const std::string& name, const std::string& keep_session_hash);

 private:
  std::filesystem::path directory() const;
  std::filesystem::path file_of(const std::string& name) const;  // throws not_found for names not listed
  KeptBackup copy_now(const std::string& kind);
  store::Store& store_;
  std::string database_path_;
  std::mutex mutex_;  // one save or restore at a time
};

}  // namespace sasaeai::app
