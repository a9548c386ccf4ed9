#pragma once
// One PostgreSQL connection (libpq) and the statements it has prepared. Every statement runs
// prepared: parsing and planning cost more than running most of ours, and a bound parameter is
// never SQL. Statements are written with ? placeholders (like SQLite's, so the SQL builder serves
// both engines) and numbered $1, $2 … here.
#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sasaeai::store::postgres {

// An error PostgreSQL (or libpq) reported.
class PgError : public std::runtime_error {
 public:
  PgError(std::string message, std::string sqlstate, bool connection_lost)
      : std::runtime_error(std::move(message)), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }  // "" when libpq gave none
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// Parameters of one statement, in order. Values are sent as text and typed by PostgreSQL from
// where they stand (a bigint column, a LIMIT …); bytes go in binary, so any byte is safe.
class Params {
 public:
  void null();
  void text(std::string_view value);
  void integer(std::int64_t value);
  void real(double value);
  void bytes(std::string_view value);
  std::size_t size() const { return values_.size(); }

 private:
  friend class Connection;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
};

// A finished result, read by row and column.
class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view text(int row, int column) const;  // the value's bytes, as sent
  std::string string(int row, int column) const { return std::string(text(row, column)); }
  std::int64_t integer(int row, int column) const;
  double real(int row, int column) const;
  Oid type(int column) const { return PQftype(result_.get(), column); }
  std::int64_t affected() const;  // rows an INSERT, UPDATE or DELETE changed

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

// REQUIRES: used by one thread at a time (the store leases each connection to one transaction).
class Connection {
 public:
  // Statements kept per connection; the least recently used one is dropped beyond this. Keyed by
  // schema too: a statement is bound to the tables of the search_path it was prepared under.
  static constexpr std::size_t kCapacity = 512;

  explicit Connection(const std::string& url);  // throws PgError
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The schema the next statements run in (the transaction's search_path).
  void use_schema(const std::string& schema) { schema_ = schema; }

  // Runs `sql` (with ? placeholders) as a statement prepared once per schema and connection.
  // `binary` asks for every column in binary (bytea without hex decoding).
  Result query(std::string_view sql, const Params& params = {}, bool binary = false);
  // Runs one or more statements without parameters in one round trip; the last result.
  Result run(const std::string& sql);
  // DEALLOCATE statements of evicted entries, to send with the next BEGIN.
  std::string take_deallocations();

  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // A statement of the open transaction failed: PostgreSQL will only roll it back.
  bool failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }
  // No transaction open.
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  std::size_t cached() const { return entries_.size(); }

 private:
  struct Entry {
    std::string key;
    std::string name;
  };
  [[noreturn]] void fail(PGresult* result);
  Result check(PGresult* result);

  PGconn* conn_ = nullptr;
  std::string schema_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
  std::uint64_t next_name_ = 0;
  std::string deallocations_;
};

// "sql ? ?" → "sql $1 $2", leaving ? inside quoted literals and identifiers alone.
std::string number_placeholders(std::string_view sql);
// A schema or other name for SQL text: double-quoted, inner quotes doubled.
std::string quote_identifier(std::string_view name);

}  // namespace sasaeai::store::postgres
