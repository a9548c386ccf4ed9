// The migrations and the register specs describe the same tables; this keeps them in step.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <set>

#include "domain/registers.hpp"
#include "store/sql_builder.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {

TEST(SchemaMatchesSpecs, EveryFieldAndDerivedColumnExists) {
  test::TempDir dir;
  open_sqlite(dir.file("schema.db"));
  SQLite::Database db(dir.file("schema.db"));
  for (const auto& spec : domain::all_registers()) {
    std::set<std::string> columns;
    SQLite::Statement info(db, "SELECT name FROM pragma_table_info(?)");
    info.bind(1, spec.table);
    while (info.executeStep()) columns.insert(info.getColumn(0).getString());
    ASSERT_FALSE(columns.empty()) << "no table " << spec.table;
    for (const auto& column : writable_columns(spec)) {
      EXPECT_TRUE(columns.contains(column)) << spec.table << " lacks column " << column;
    }
    for (const auto& field : spec.fields) {
      if (field.type != domain::FieldType::reference) continue;
      SQLite::Statement fk(db, "SELECT \"table\" FROM pragma_foreign_key_list(?) WHERE \"from\" = ?");
      fk.bind(1, spec.table);
      fk.bind(2, field.name);
      ASSERT_TRUE(fk.executeStep()) << spec.table << "." << field.name << " has no foreign key";
      EXPECT_EQ(fk.getColumn(0).getString(), domain::register_spec(field.ref_register).table);
    }
  }
}

}  // namespace sasaeai::store
