#pragma once
// SQLite implementation of the register concern (store/register_tx.hpp).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/register_tx.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sql_builder.hpp"

namespace sasaeai::store::sqlite {

class Registers : public virtual RegisterReads, public virtual RegisterWrites {
 public:
  // REQUIRES: `conn` is in a transaction for as long as this object is used.
  explicit Registers(Connection& conn) : conn_(conn) {}

  Page list(const RegisterSpec& spec, const ListQuery& query) override;
  std::optional<Record> get(const RegisterSpec& spec, Id id) override;
  std::vector<GroupCount> count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) override;
  std::vector<GroupSum> sum_by(const RegisterSpec& spec, const SumQuery& query) override;  // register_sums.cpp

  Id insert(const RegisterSpec& spec, const Record& record) override;
  void update(const RegisterSpec& spec, Id id, const Record& record) override;
  void remove(const RegisterSpec& spec, Id id) override;
  void mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) override;

 private:
  Record read_row(const SelectSql& select, SQLite::Statement& stmt);

  Connection& conn_;
};

}  // namespace sasaeai::store::sqlite
