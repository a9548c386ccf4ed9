#include "support/test_sql.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>

#include <memory>
#include <stdexcept>

#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

struct PgResult {
  std::vector<std::vector<std::string>> rows;
  std::int64_t changed = 0;
};

PgResult on_postgres_run(const std::string& sqlite_path, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(test_database().c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  const std::string set_path = "SET search_path TO \"" + test_schema(sqlite_path) + "\", public";
  PQclear(PQexec(conn.get(), set_path.c_str()));
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) throw std::runtime_error(PQresultErrorMessage(result.get()));
  PgResult out;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    auto& row = out.rows.emplace_back();
    for (int c = 0; c < PQnfields(result.get()); ++c) row.emplace_back(PQgetvalue(result.get(), r, c));
  }
  const char* n = PQcmdTuples(result.get());
  out.changed = (n && *n) ? std::stoll(n) : 0;
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> sql_rows(const std::string& sqlite_path, const std::string& sql) {
  if (on_postgres()) return on_postgres_run(sqlite_path, sql).rows;
  SQLite::Database db(sqlite_path, SQLite::OPEN_READONLY);
  db.exec("PRAGMA busy_timeout = 5000");
  SQLite::Statement q(db, sql);
  std::vector<std::vector<std::string>> out;
  while (q.executeStep()) {
    auto& row = out.emplace_back();
    for (int c = 0; c < q.getColumnCount(); ++c) row.push_back(q.getColumn(c).isNull() ? "" : q.getColumn(c).getString());
  }
  return out;
}

std::int64_t sql_number(const std::string& sqlite_path, const std::string& sql) {
  const auto rows = sql_rows(sqlite_path, sql);
  if (rows.empty() || rows.front().empty()) throw std::runtime_error("no rows: " + sql);
  return std::stoll(rows.front().front());
}

std::int64_t sql_exec(const std::string& sqlite_path, const std::string& sql) {
  if (on_postgres()) return on_postgres_run(sqlite_path, sql).changed;
  SQLite::Database db(sqlite_path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA busy_timeout = 5000");
  return db.exec(sql);
}

std::string sql_text(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace sasaeai::test
