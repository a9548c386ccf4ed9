#pragma once
// PostgreSQL implementation of the register concern (store/register_tx.hpp).
#include "store/postgres/connection.hpp"
#include "store/register_tx.hpp"
#include "store/sql_builder.hpp"

namespace sasaeai::store::postgres {

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
  static Record read_row(const SelectSql& select, const Result& result, int row);

  Connection& conn_;
};

// The text SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', 'now') writes, in PostgreSQL.
inline constexpr std::string_view kNowText = "to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

}  // namespace sasaeai::store::postgres
