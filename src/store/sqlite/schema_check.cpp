#include "store/sqlite/schema_check.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/sqlite/migrations.hpp"

namespace sasaeai::store {

namespace {

// How many problems a message lists before "ほか N 件".
constexpr std::size_t kListed = 5;

struct SchemaObject {
  std::string table;  // tbl_name: the table an index or trigger belongs to
  std::string sql;    // whitespace normalised; empty for SQLite's own automatic indexes
};
// Keyed by (type, name).
using Schema = std::map<std::pair<std::string, std::string>, SchemaObject>;

// Migration files are formatted by hand; a re-indented statement is the same statement.
std::string normalise(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

Schema read_schema(SQLite::Database& db) {
  Schema schema;
  // ANALYZE (or PRAGMA optimize run by hand) adds statistics tables; they only guide the planner.
  SQLite::Statement q(db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                          "WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4')");
  while (q.executeStep()) {
    const auto [at, added] = schema.try_emplace({q.getColumn(0).getString(), q.getColumn(1).getString()},
                                                SchemaObject{q.getColumn(2).getString(), normalise(q.getColumn(3).getString())});
    // Only an edited sqlite_master has two objects of one name; the map would hide the second.
    if (!added) throw Error(ErrorKind::invalid, "バックアップファイルのスキーマに同じ名前の定義が二つあります: " + at->first.second);
  }
  return schema;
}

Schema reference_schema(int version) {
  SQLite::Database reference(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  reference.exec("PRAGMA foreign_keys = ON");
  build_schema(reference, version);
  return read_schema(reference);
}

std::string kind_label(const std::string& type) {
  if (type == "table") return "表";
  if (type == "index") return "索引";
  if (type == "trigger") return "トリガー";
  if (type == "view") return "ビュー";
  return type;
}

std::string listed(const std::vector<std::string>& problems) {
  std::string out;
  for (std::size_t i = 0; i < problems.size() && i < kListed; ++i) out += (i ? "、" : "") + problems[i];
  if (problems.size() > kListed) out += fmt::format(" ほか {} 件", problems.size() - kListed);
  return out;
}

std::vector<std::string> differences(const Schema& actual, const Schema& expected) {
  std::vector<std::string> problems;
  for (const auto& [key, object] : expected) {
    const auto it = actual.find(key);
    const auto what = kind_label(key.first) + " " + key.second;
    if (it == actual.end()) {
      problems.push_back(what + " がありません");
    } else if (it->second.table != object.table || it->second.sql != object.sql) {
      problems.push_back(what + " の定義が違います");
    }
  }
  for (const auto& [key, object] : actual) {
    if (!expected.contains(key)) problems.push_back("想定外の" + kind_label(key.first) + " " + key.second + " があります");
  }
  return problems;
}

}  // namespace

int check_migrations(SQLite::Database& db) {
  const auto actual = read_schema(db);
  const auto expected = reference_schema(0);  // schema_migrations alone
  const auto& key = expected.begin()->first;
  const auto found = actual.find(key);
  if (found == actual.end()) throw Error(ErrorKind::invalid, "ささえあいのデータベースではありません（schema_migrations 表がありません）");
  if (found->second.sql != expected.begin()->second.sql) {
    throw Error(ErrorKind::invalid, "ささえあいのデータベースではありません（schema_migrations 表の定義が違います）");
  }

  const auto& known = embedded_migrations();
  std::vector<std::pair<std::int64_t, std::string>> recorded;
  SQLite::Statement q(db, "SELECT version, name FROM schema_migrations ORDER BY version");
  while (q.executeStep()) recorded.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getString());
  if (recorded.empty()) throw Error(ErrorKind::invalid, "ささえあいのデータベースではありません（適用済みのマイグレーションがありません）");
  if (recorded.back().first > static_cast<std::int64_t>(known.size())) {
    throw Error(ErrorKind::invalid, fmt::format("このバックアップは新しい版のささえあいで作られています（スキーマ {} > {}）。この版では復元できません。",
                                                recorded.back().first, known.size()));
  }
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    if (recorded[i].first != known[i].version || recorded[i].second != known[i].name) {
      throw Error(ErrorKind::invalid, fmt::format("バックアップファイルのマイグレーション記録（schema_migrations）が正しくありません: "
                                                  "{} 番目は {} のはずが {} {} です",
                                                  i + 1, known[i].name, recorded[i].first, recorded[i].second));
    }
  }
  return static_cast<int>(recorded.size());
}

void check_schema(SQLite::Database& db, int version) {
  const auto problems = differences(read_schema(db), reference_schema(version));
  if (!problems.empty()) {
    throw Error(ErrorKind::invalid, fmt::format("バックアップファイルのスキーマが、ささえあい（スキーマ {}）のものと一致しません: {}", version, listed(problems)));
  }
}

void check_integrity(SQLite::Database& db) {
  std::vector<std::string> problems;
  SQLite::Statement integrity(db, "PRAGMA integrity_check");
  while (integrity.executeStep()) problems.push_back(integrity.getColumn(0).getString());
  if (problems != std::vector<std::string>{"ok"}) {
    throw Error(ErrorKind::invalid, "バックアップファイルが壊れています（integrity_check: " + listed(problems) + "）");
  }
  std::map<std::string, int> broken;  // table -> rows whose reference points nowhere
  SQLite::Statement references(db, "PRAGMA foreign_key_check");
  while (references.executeStep()) ++broken[references.getColumn(0).getString()];
  if (!broken.empty()) {
    std::vector<std::string> tables;
    for (const auto& [table, rows] : broken) tables.push_back(fmt::format("表 {} の {} 行", table, rows));
    throw Error(ErrorKind::invalid, "バックアップファイルに、存在しない行を参照している行があります（foreign_key_check: " + listed(tables) + "）");
  }
}

}  // namespace sasaeai::store
