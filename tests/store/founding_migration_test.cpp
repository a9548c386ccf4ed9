// Migration 0014 moves the stage dates recorded on councils into council_stages without losing
// any, gives every stored municipality the five default stages, and the council's stage read
// from the stored stages is the one the old columns gave.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "app/founding.hpp"
#include "app/overview.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/restore.hpp"
#include "store/sqlite/schema_check.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

// A database as version 11 left it: councils with dates in the four stage columns.
void make_version_11(const std::string& path) {
  SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  old.exec("PRAGMA foreign_keys = ON");
  apply_migrations(old, 11);
  old.exec(
      "INSERT INTO municipalities (id, name, code) VALUES (1, '古市', '999999');"
      "INSERT INTO districts (id, municipality_id, name) VALUES (1, 1, '北地区');"
      "INSERT INTO councils (id, municipality_id, name, layer, kind, district_id, broad_study_on, preparation_on, member_study_on, consensus_on)"
      " VALUES (1, 1, '北地区協議体', 2, '高齢', 1, '2015-09-01', '2015-10-01', '2015-11-01', '2015-12-01');"
      "INSERT INTO councils (id, municipality_id, name, layer, kind, district_id, broad_study_on, founded_on)"
      " VALUES (2, 1, '南の会', 3, '高齢', 1, '2016-04-01', '2017-01-25');"
      "INSERT INTO councils (id, municipality_id, name, layer, kind) VALUES (3, 1, '市の協議体', 1, '高齢');");
}

TEST(FoundingMigration, StageDatesMoveIntoCouncilStagesAndTheStageStaysTheSame) {
  test::TempDir dir;
  const auto db = dir.file("old.db");
  make_version_11(db);
  auto store = open_sqlite(db);  // runs 0012 onwards
  {
    SQLite::Database check(db, SQLite::OPEN_READONLY);
    EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM founding_stages WHERE municipality_id = 1").getInt(), 5);
    EXPECT_EQ(check.execAndGet("SELECT name FROM founding_stages WHERE is_founding = 'はい'").getString(), "発足");
    EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM council_stages").getInt(), 5);
    EXPECT_EQ(check.execAndGet("SELECT s.reached_on FROM council_stages s JOIN founding_stages f ON f.id = s.stage_id"
                               " WHERE s.council_id = 1 AND f.name = '意識統一'").getString(),
              "2015-12-01");
    EXPECT_EQ(check.execAndGet("SELECT founded_on FROM councils WHERE id = 2").getString(), "2017-01-25");
    EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM pragma_table_info('councils') WHERE name = 'broad_study_on'").getInt(), 0);
    EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM pragma_table_info('council_members') WHERE name = 'joined_on'").getInt(), 1);
  }
  const auto actor = app::Actor::system_actor("test");
  const auto north = app::council_detail(*store, actor, 1);
  EXPECT_EQ(north.stage.label, "意識統一");
  EXPECT_EQ(north.stage.index, 4);
  EXPECT_EQ(north.stage.steps[0].date, "2015-09-01");
  EXPECT_FALSE(north.stage.founded);
  const auto south = app::council_detail(*store, actor, 2);
  EXPECT_EQ(south.stage.label, "発足");
  EXPECT_TRUE(south.stage.founded);
  EXPECT_EQ(app::council_detail(*store, actor, 3).stage.label, "未着手");
}

// A backup made before the stages moved restores and is migrated the same way.
TEST(FoundingMigration, RestoringAVersion11BackupMovesItsStages) {
  test::TempDir dir;
  make_version_11(dir.file("backup.db"));
  const auto live = dir.file("live.db");
  { auto store = open_sqlite(live); }
  restore_sqlite(live, dir.file("backup.db"));
  SQLite::Database check(live, SQLite::OPEN_READONLY);
  EXPECT_NO_THROW(check_schema(check, static_cast<int>(embedded_migrations().size())));
  EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM council_stages WHERE council_id = 1").getInt(), 4);
}

}  // namespace
}  // namespace sasaeai::store
