#pragma once
// The storage contract. Handlers and use cases speak only to these interfaces, so a
// PostgreSQL engine can fill them without touching anything above this layer.
//
// Every read runs in one ReadTx (a consistent snapshot) and every change in one WriteTx (one
// transaction: all of it is stored, or nothing). Errors are sasaeai::Error: conflict for
// constraint violations (still referenced, duplicate), not_found for unknown ids.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "domain/register_spec.hpp"
#include "domain/value.hpp"

namespace sasaeai::store {

using domain::Id;
using domain::Record;
using domain::RegisterSpec;
using domain::Value;

// Stored columns that are derived from fields by the use-case layer, not typed by people.
inline constexpr std::string_view kSearchKeyColumn = "search_key";

struct Filter {
  std::string field;
  Value value;  // null matches NULL
};

struct ListQuery {
  std::vector<Filter> equals;
  std::optional<int> weekday;  // 0 = Monday; only for registers with a schedule field
  std::string search_key;      // already normalised (text::search_key); substring match
  std::int64_t limit = 50;     // 0 or less: all rows
  std::int64_t offset = 0;
  // When not empty, only these fields (and the titles of these references) are read; the
  // others are absent from the rows. For callers that need a few columns of many rows (a map's
  // points) or not a large one (a boundary's geometry).
  std::vector<std::string> fields;
  // Registers with soft delete: also the records marked deleted (for retention and audits).
  bool include_deleted = false;
};

struct Page {
  std::vector<Record> rows;
  std::int64_t total = 0;  // rows matching the query, ignoring limit and offset
};

struct GroupCount {
  Value key;
  std::int64_t count = 0;
};

class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual Page list(const RegisterSpec& spec, const ListQuery& query) = 0;
  virtual std::optional<Record> get(const RegisterSpec& spec, Id id) = 0;
  // COUNT(*) grouped by one field, over the rows matching `filter`.
  virtual std::vector<GroupCount> count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) = 0;
  // Deployment-wide settings (dataset title, attribution …) as text by key.
  virtual std::optional<std::string> setting(std::string_view key) = 0;
  // Binary data an analysis keeps (the walking network), by key; `updated_at` tells versions apart.
  struct StoredFile {
    std::string bytes;
    std::string description;
    std::string updated_at;
  };
  virtual std::optional<StoredFile> stored_file(std::string_view key, bool with_bytes = true) = 0;

  // Accounts and their credentials.
  virtual std::optional<domain::Account> account(Id id) = 0;
  virtual std::optional<domain::Account> account_by_login(std::string_view login) = 0;
  virtual std::vector<domain::Account> accounts() = 0;
  // A live session by token hash (expired ones are not returned).
  virtual std::optional<domain::Session> session(std::string_view token_hash) = 0;
  virtual std::optional<domain::ApiToken> api_token(std::string_view token_hash) = 0;
  virtual std::vector<domain::ApiToken> api_tokens(Id account_id) = 0;
  virtual std::vector<domain::AuditEntry> audit(const domain::AuditQuery& query) = 0;
};

class WriteTx : public ReadTx {
 public:
  // `record.values` holds the spec's fields and any derived columns (search_key, *_weekdays).
  virtual Id insert(const RegisterSpec& spec, const Record& record) = 0;
  virtual void update(const RegisterSpec& spec, Id id, const Record& record) = 0;
  virtual void remove(const RegisterSpec& spec, Id id) = 0;
  // Soft delete (RegisterSpec::soft_delete): the record is kept, marked with the time and reason,
  // and no longer listed or found.
  virtual void mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) = 0;
  virtual void set_setting(std::string_view key, std::string_view value) = 0;
  virtual void put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) = 0;
  virtual void delete_stored_file(std::string_view key) = 0;

  virtual Id insert_account(const domain::Account& account) = 0;
  // Saves every field, including districts and the password hash.
  virtual void update_account(const domain::Account& account) = 0;
  virtual void insert_session(const domain::Session& session) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual void delete_sessions_of(Id account_id) = 0;
  // Every session of the account but the one whose hash is `keep_token_hash` ("" keeps none);
  // returns how many ended.
  virtual int delete_other_sessions(Id account_id, std::string_view keep_token_hash) = 0;
  virtual Id insert_api_token(const domain::ApiToken& token) = 0;
  // Throws Error(not_found) unless the token belongs to the account.
  virtual void delete_api_token(Id account_id, Id token_id) = 0;
  // Returns how many tokens the account had.
  virtual int delete_api_tokens_of(Id account_id) = 0;
  // The audit trail is append-only: there is no update or delete.
  virtual void append_audit(const domain::AuditEntry& entry) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual void read(const std::function<void(ReadTx&)>& work) = 0;
  virtual void write(const std::function<void(WriteTx&)>& work) = 0;
  virtual std::string engine() const = 0;
  // A consistent copy of the whole database, taken while the server keeps running.
  virtual void backup_to(const std::string& path) = 0;
};

// Opens (creating if needed) an SQLite database file and applies pending migrations.
// ":memory:" is not supported: connections of the pool must share one database.
std::unique_ptr<Store> open_sqlite(const std::string& path);

}  // namespace sasaeai::store
