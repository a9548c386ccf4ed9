#include "store/postgres/connection.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <utility>

namespace sasaeai::store::postgres {

void Params::null() {
  values_.emplace_back(std::nullopt);
  formats_.push_back(0);
}

void Params::text(std::string_view value) {
  values_.emplace_back(std::string(value));
  formats_.push_back(0);
}

void Params::integer(std::int64_t value) {
  values_.emplace_back(std::to_string(value));
  formats_.push_back(0);
}

void Params::real(double value) {
  values_.emplace_back(fmt::format("{}", value));  // shortest text that reads back the same double
  formats_.push_back(0);
}

void Params::bytes(std::string_view value) {
  values_.emplace_back(std::string(value));
  formats_.push_back(1);
}

std::string_view Result::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t Result::integer(int row, int column) const {
  const auto value = text(row, column);
  std::int64_t out = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  // SUM over bigint is numeric: a whole number, written without a fraction.
  if (error != std::errc() || (end != value.data() + value.size() && *end != '.')) {
    throw std::runtime_error(fmt::format("not an integer: {}", value));
  }
  return out;
}

double Result::real(int row, int column) const {
  return std::strtod(std::string(text(row, column)).c_str(), nullptr);
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(result_.get());
  return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
}

Connection::Connection(const std::string& url) {
  // The process id in the name tells a server's connections apart in pg_stat_activity.
  static const std::string application = fmt::format("sasaeai/{}", ::getpid());
  const char* keys[] = {"dbname", "client_encoding", "application_name", nullptr};
  const char* values[] = {url.c_str(), "UTF8", application.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);  // expand_dbname: `url` may set everything
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError(message, "08006", true);
  }
  // Notices ("already exists, skipping" of an idempotent migration step) are not for the log.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::fail(PGresult* result) {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  PQclear(result);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw PgError(std::move(message), std::move(sqlstate), broken());
}

Result Connection::check(PGresult* result) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result);
  return Result(result);
}

Result Connection::query(std::string_view sql, const Params& params, bool binary) {
  std::string key = schema_;
  key += '\n';
  key += sql;
  const std::string* name = nullptr;
  if (auto found = index_.find(key); found != index_.end()) {
    entries_.splice(entries_.begin(), entries_, found->second);
    name = &found->second->name;
  } else {
    std::string fresh = fmt::format("s{}", next_name_++);
    PGresult* prepared = PQprepare(conn_, fresh.c_str(), number_placeholders(sql).c_str(), 0, nullptr);
    check(prepared);  // throws, and caches nothing, when the statement is refused
    if (entries_.size() >= kCapacity) {
      auto& last = entries_.back();
      deallocations_ += fmt::format("DEALLOCATE {};", last.name);
      index_.erase(last.key);
      entries_.pop_back();
    }
    entries_.push_front(Entry{std::move(key), std::move(fresh)});
    index_.emplace(entries_.front().key, entries_.begin());
    name = &entries_.front().name;
  }
  const auto n = params.values_.size();
  std::vector<const char*> values(n);
  std::vector<int> lengths(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (params.values_[i]) {
      values[i] = params.values_[i]->data();
      lengths[i] = static_cast<int>(params.values_[i]->size());
    }
  }
  return check(PQexecPrepared(conn_, name->c_str(), static_cast<int>(n), values.data(), lengths.data(), params.formats_.data(),
                              binary ? 1 : 0));
}

Result Connection::run(const std::string& sql) { return check(PQexec(conn_, sql.c_str())); }

std::string Connection::take_deallocations() { return std::exchange(deallocations_, {}); }

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (const char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same outcome
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += fmt::format("${}", ++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace sasaeai::store::postgres
