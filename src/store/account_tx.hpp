#pragma once
// Accounts, their sign-in sessions and their API tokens. Secrets are stored only as hashes:
// callers pass and look up token hashes, never tokens.
// The contracts of store.hpp (threads, nesting, lifetime) apply to every function here.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/account.hpp"

namespace sasaeai::store {

// Returned values are copies the caller owns.
class AccountReads {
 public:
  virtual ~AccountReads() = default;
  virtual std::optional<domain::Account> account(domain::Id id) = 0;
  virtual std::optional<domain::Account> account_by_login(std::string_view login) = 0;
  virtual std::vector<domain::Account> accounts() = 0;  // by login
  // A live session by token hash (expired ones are not returned).
  virtual std::optional<domain::Session> session(std::string_view token_hash) = 0;
  virtual std::optional<domain::ApiToken> api_token(std::string_view token_hash) = 0;
  virtual std::vector<domain::ApiToken> api_tokens(domain::Id account_id) = 0;
  // Failed sign-ins of `key` (a login or an address) counted since the first of them, when that
  // first failure is at or after `since`; 0 otherwise. Times are UTC text "YYYY-MM-DDTHH:MM:SSZ".
  virtual int sign_in_failures(std::string_view key, std::string_view since) = 0;
};

class AccountWrites {
 public:
  virtual ~AccountWrites() = default;
  // Throws Error(invalid, code duplicate, field "login") when the login is taken, and
  // Error(invalid, field "districts") for an unknown district.
  virtual domain::Id insert_account(const domain::Account& account) = 0;
  // Saves every field, including districts and the password hash.
  virtual void update_account(const domain::Account& account) = 0;
  // Also ends every expired session of every account.
  virtual void insert_session(const domain::Session& session) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  // Every session of the account but the one whose hash is `keep_token_hash` ("" keeps none);
  // returns how many ended.
  virtual int delete_other_sessions(domain::Id account_id, std::string_view keep_token_hash) = 0;
  virtual domain::Id insert_api_token(const domain::ApiToken& token) = 0;
  // Throws Error(not_found) unless the token belongs to the account.
  virtual void delete_api_token(domain::Id account_id, domain::Id token_id) = 0;
  // Returns how many tokens the account had.
  virtual int delete_api_tokens_of(domain::Id account_id) = 0;
  // Counts one failed sign-in of `key` at `now`. Counts whose first failure is before `since`
  // are forgotten first (so this key starts again at 1, and the table stays small).
  virtual void record_sign_in_failure(std::string_view key, std::string_view now, std::string_view since) = 0;
  virtual void clear_sign_in_failures(std::string_view key) = 0;
};

}  // namespace sasaeai::store
