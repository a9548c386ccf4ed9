#pragma once
// SQLite implementation of the account concern (store/account_tx.hpp).
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>

#include "store/account_tx.hpp"
#include "store/sqlite/connection.hpp"

namespace sasaeai::store::sqlite {

class Accounts : public virtual AccountReads, public virtual AccountWrites {
 public:
  // REQUIRES: `conn` is in a transaction for as long as this object is used.
  explicit Accounts(Connection& conn) : conn_(conn) {}

  std::optional<domain::Account> account(domain::Id id) override;
  std::optional<domain::Account> account_by_login(std::string_view login) override;
  std::vector<domain::Account> accounts() override;
  std::optional<domain::Session> session(std::string_view token_hash) override;
  std::optional<domain::ApiToken> api_token(std::string_view token_hash) override;
  std::vector<domain::ApiToken> api_tokens(domain::Id account_id) override;
  int sign_in_failures(std::string_view key, std::string_view since) override;

  domain::Id insert_account(const domain::Account& account) override;
  void update_account(const domain::Account& account) override;
  void insert_session(const domain::Session& session) override;
  void delete_session(std::string_view token_hash) override;
  int delete_other_sessions(domain::Id account_id, std::string_view keep_token_hash) override;
  domain::Id insert_api_token(const domain::ApiToken& token) override;
  void delete_api_token(domain::Id account_id, domain::Id token_id) override;
  int delete_api_tokens_of(domain::Id account_id) override;
  void record_sign_in_failure(std::string_view key, std::string_view now, std::string_view since) override;
  void clear_sign_in_failures(std::string_view key) override;

 private:
  domain::Account read_account(SQLite::Statement& q);
  std::optional<domain::Account> account_where(const char* condition, const std::function<void(SQLite::Statement&)>& bind);
  void save_districts(domain::Id account_id, const std::vector<domain::Id>& districts);

  Connection& conn_;
};

}  // namespace sasaeai::store::sqlite
