// The migrations and the register specs describe the same tables; this keeps them in step:
// columns, foreign keys and what they do on delete, NOT NULL, and UNIQUE.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/registers.hpp"
#include "store/sql_builder.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

using domain::FieldType;
using domain::OnDelete;

class SchemaMatchesSpecs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    open_sqlite(dir->file("schema.db"));
    db = new SQLite::Database(dir->file("schema.db"));
  }
  static void TearDownTestSuite() {
    delete db;
    delete dir;
  }

  struct Column {
    bool not_null = false;
  };
  static std::map<std::string, Column> columns_of(const std::string& table) {
    std::map<std::string, Column> columns;
    SQLite::Statement info(*db, "SELECT name, \"notnull\" FROM pragma_table_info(?)");
    info.bind(1, table);
    while (info.executeStep()) columns[info.getColumn(0).getString()] = {info.getColumn(1).getInt() != 0};
    return columns;
  }

  static inline test::TempDir* dir = nullptr;
  static inline SQLite::Database* db = nullptr;
};

std::string sql_on_delete(OnDelete on_delete) {
  switch (on_delete) {
    case OnDelete::restrict: return "RESTRICT";
    case OnDelete::cascade: return "CASCADE";
    case OnDelete::set_null: return "SET NULL";
  }
  return "?";
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

TEST_F(SchemaMatchesSpecs, EveryFieldAndDerivedColumnExists) {
  for (const auto& spec : domain::all_registers()) {
    const auto columns = columns_of(spec.table);
    ASSERT_FALSE(columns.empty()) << "no table " << spec.table;
    for (const auto& column : writable_columns(spec)) {
      EXPECT_TRUE(columns.contains(column)) << spec.table << " lacks column " << column;
    }
  }
}

// Each reference is a foreign key to the referenced register's table, and the key does on
// delete what the field declares (the spec is what the pages explain to people).
TEST_F(SchemaMatchesSpecs, ReferencesAreForeignKeysWithTheDeclaredOnDelete) {
  std::set<std::string> seen;  // so that the test cannot pass by checking nothing
  for (const auto& spec : domain::all_registers()) {
    for (const auto& field : spec.fields) {
      if (field.type != FieldType::reference) continue;
      SQLite::Statement fk(*db, "SELECT \"table\", on_delete FROM pragma_foreign_key_list(?) WHERE \"from\" = ?");
      fk.bind(1, spec.table);
      fk.bind(2, field.name);
      ASSERT_TRUE(fk.executeStep()) << spec.table << "." << field.name << " has no foreign key";
      EXPECT_EQ(fk.getColumn(0).getString(), domain::register_spec(field.ref_register).table) << spec.table << "." << field.name;
      EXPECT_EQ(fk.getColumn(1).getString(), sql_on_delete(field.on_delete)) << spec.table << "." << field.name;
      seen.insert(fk.getColumn(1).getString());
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"CASCADE", "RESTRICT", "SET NULL"}));
}

// The rule: a field is required (forms and the API refuse it empty) exactly when its column is
// NOT NULL, so the database refuses what validation refuses and nothing more. A field required
// only under a condition (退会 needs left_on) is optional here; its register's cross check holds
// the condition. Columns that are not fields (derived, bookkeeping) are not checked.
TEST_F(SchemaMatchesSpecs, RequiredFieldsAreExactlyTheNotNullColumns) {
  int required = 0, optional = 0;
  for (const auto& spec : domain::all_registers()) {
    const auto columns = columns_of(spec.table);
    for (const auto& field : spec.fields) {
      const auto it = columns.find(field.name);
      ASSERT_NE(it, columns.end()) << spec.table << " lacks column " << field.name;
      EXPECT_EQ(it->second.not_null, field.required)
          << spec.table << "." << field.name << (field.required ? " is required but NULL is allowed" : " is optional but NOT NULL");
      ++(field.required ? required : optional);
    }
  }
  EXPECT_GT(required, 20);
  EXPECT_GT(optional, 20);
}

// Every unique group of the spec is a UNIQUE constraint or unique index of the table, and the
// table has no other one (besides the primary key), so the friendly check in app/ and the
// constraint that settles races agree.
TEST_F(SchemaMatchesSpecs, UniqueGroupsAreExactlyTheUniqueConstraints) {
  std::size_t groups = 0;
  for (const auto& spec : domain::all_registers()) {
    std::set<std::string> declared;
    for (const auto& group : spec.unique) declared.insert(joined({group.fields.begin(), group.fields.end()}));
    std::set<std::string> in_schema;
    SQLite::Statement indexes(*db, "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'");
    indexes.bind(1, spec.table);
    while (indexes.executeStep()) {
      std::set<std::string> names;
      SQLite::Statement info(*db, "SELECT name FROM pragma_index_info(?)");
      info.bind(1, indexes.getColumn(0).getString());
      while (info.executeStep()) names.insert(info.getColumn(0).getString());
      in_schema.insert(joined(names));
    }
    EXPECT_EQ(in_schema, declared) << spec.table;
    groups += declared.size();
  }
  EXPECT_GT(groups, 10u);
}

}  // namespace
}  // namespace sasaeai::store
