// Backups: made in a private directory with an unguessable name, and nothing is left behind,
// whether the copy succeeds or fails; only 管理者 may make one.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "app/audit_log.hpp"
#include "app/backups.hpp"
#include "core/error.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::app {
namespace {

namespace fs = std::filesystem;

std::size_t entries_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// A store whose backup starts writing, looks at where it writes, and then fails.
class FailingBackupStore : public store::Store {
 public:
  explicit FailingBackupStore(store::Store& inner) : inner_(inner) {}
  void read(const std::function<void(store::ReadTx&)>& work) override { inner_.read(work); }
  void write(const std::function<void(store::WriteTx&)>& work) override { inner_.write(work); }
  std::string engine() const override { return inner_.engine(); }
  std::uint64_t data_version() override { return inner_.data_version(); }
  void backup_to(const std::string& path) override {
    inner_.backup_to(path);
    struct stat st {};
    ::stat(fs::path(path).parent_path().c_str(), &st);
    directory_mode = st.st_mode & 0777;
    directory = fs::path(path).parent_path();
    throw std::runtime_error("disk full");
  }
  unsigned directory_mode = 0;
  fs::path directory;

 private:
  store::Store& inner_;
};

TEST(Backups, CopyIsTheDatabaseAndNothingStaysBehind) {
  test::TempDir dir;
  auto store = store::open_sqlite(dir.file("city.db"));
  const fs::path work = dir.path() / "work";
  fs::create_directory(work);
  const auto bytes = backup_bytes(*store, Actor::system_actor("test"), work);
  EXPECT_EQ(bytes.substr(0, 16), std::string("SQLite format 3") + '\0');
  EXPECT_EQ(entries_in(work), 0u);
  domain::AuditQuery query;
  query.register_name = "backup";
  EXPECT_EQ(audit_entries(*store, Actor::system_actor("test"), query).size(), 1u);
}

TEST(Backups, AFailedCopyLeavesNoFileBehind) {
  test::TempDir dir;
  auto real = store::open_sqlite(dir.file("city.db"));
  FailingBackupStore store(*real);
  const fs::path work = dir.path() / "work";
  fs::create_directory(work);
  EXPECT_THROW(backup_bytes(store, Actor::system_actor("test"), work), std::runtime_error);
  EXPECT_EQ(entries_in(work), 0u) << "the backup directory or file was left behind";
  EXPECT_EQ(store.directory_mode, 0700u) << "the copy was made where others could read it";
  EXPECT_EQ(store.directory.parent_path(), work);
  EXPECT_NE(store.directory.filename().string(), "sasaeai-backup-XXXXXX");
  domain::AuditQuery query;
  query.register_name = "backup";
  EXPECT_TRUE(audit_entries(*real, Actor::system_actor("test"), query).empty()) << "a failed backup was logged as downloaded";
}

TEST(Backups, OnlyAdministratorsAndRefusedBeforeAnythingIsWritten) {
  test::TempDir dir;
  auto store = store::open_sqlite(dir.file("city.db"));
  const fs::path work = dir.path() / "work";
  fs::create_directory(work);
  Actor coordinator = Actor::system_actor("test");
  coordinator.role = domain::Role::city_coordinator;
  try {
    (void)backup_bytes(*store, coordinator, work);
    ADD_FAILURE() << "a coordinator made a backup";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
  EXPECT_EQ(entries_in(work), 0u);
  EXPECT_THROW(backup_bytes(*store, Actor::visitor("127.0.0.1"), work), Error);
}

TEST(AuditLogUseCase, RefusesBadDatesNamingTheField) {
  test::TempDir dir;
  auto store = store::open_sqlite(dir.file("city.db"));
  domain::AuditQuery query;
  query.to_date = "2026-02-30";
  try {
    (void)audit_entries(*store, Actor::system_actor("test"), query);
    ADD_FAILURE() << "accepted 2026-02-30";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields().front().field, "to");
  }
  Actor coordinator = Actor::system_actor("test");
  coordinator.role = domain::Role::city_coordinator;
  query.to_date = "bad";  // refused for who asks, before the date is looked at
  try {
    (void)audit_entries(*store, coordinator, query);
    ADD_FAILURE() << "a coordinator read the audit trail";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
}

}  // namespace
}  // namespace sasaeai::app
