#include "app/backups.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "app/policy.hpp"
#include "app/registry.hpp"

namespace sasaeai::app {

namespace {

// A directory of our own (mode 0700, unpredictable name), removed with everything in it when
// the scope ends, also when an exception leaves it.
class PrivateDir {
 public:
  explicit PrivateDir(const std::filesystem::path& parent) {
    std::string pattern = (parent / "sasaeai-backup-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    path_ = pattern;
  }
  ~PrivateDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

void require_backup(const Actor& actor) { require(actor, can_administer(actor), "バックアップ"); }

std::string backup_bytes(store::Store& store, const Actor& actor, const std::filesystem::path& work_dir) {
  require_backup(actor);
  std::string bytes;
  {
    PrivateDir dir(work_dir);
    const auto file = dir.path() / "backup.db";
    store.backup_to(file.string());
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in.is_open()) throw std::runtime_error("the backup copy cannot be opened: " + file.string());
    bytes = std::move(buffer).str();
  }
  store.write([&](store::WriteTx& tx) { audit(tx, actor, "export", "backup", std::nullopt, "データベースのバックアップをダウンロード"); });
  return bytes;
}

}  // namespace sasaeai::app
