#pragma once
// Signing in and out, sessions, API tokens and the administration of accounts.
#include <chrono>
#include <optional>
#include <string>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct SignedIn {
  std::string session_token;  // the cookie value; only its hash is stored
  std::string csrf_token;
  Actor actor;
  bool must_change_password = false;
};

struct NewAccount {
  std::string login;
  std::string display_name;
  std::string role;                    // code or Japanese label
  std::vector<domain::Id> districts;
  std::string password;                // empty: a one-time password is generated
};

struct Credentials {
  domain::Account account;
  std::string one_time_password;  // shown once to the administrator
};

class Accounts {
 public:
  static constexpr auto kSessionLifetime = std::chrono::hours(12);
  static constexpr std::size_t kMinPasswordLength = 10;
  // Password guessing is slowed per login and per address: after this many failed sign-ins
  // within the window (from the first of them), further attempts are refused until the window
  // has passed; a success clears the login's count. The counts are in the store, so every
  // server on one database counts together and a restart does not lift a lockout.
  static constexpr int kMaxFailuresPerLogin = 5;
  static constexpr int kMaxFailuresPerAddress = 20;
  static constexpr auto kThrottleWindow = std::chrono::minutes(15);

  explicit Accounts(store::Store& store);

  // Throws Error(unauthorized) with one message for every failure (no user enumeration).
  SignedIn sign_in(const std::string& login, const std::string& password, const std::string& address);
  void sign_out(const Actor& actor, const std::string& session_token);
  // The actor and CSRF token of a live session; nullopt when unknown, expired or disabled.
  std::optional<std::pair<Actor, std::string>> session_actor(const std::string& session_token, const std::string& address);
  std::optional<Actor> token_actor(const std::string& api_token, const std::string& address);

  // Ends every other session of the account and all its API tokens, so that whoever knew the
  // old password keeps no way in; the session `current_session_token` (may be "") stays.
  void change_password(const Actor& actor, const std::string& current, const std::string& replacement,
                       const std::string& current_session_token);
  Credentials create(const Actor& admin, const NewAccount& account);
  void update(const Actor& admin, domain::Id id, const NewAccount& changes);
  // Both end every session and API token of the account; enabling it again revives none.
  Credentials reset_password(const Actor& admin, domain::Id id);
  void set_disabled(const Actor& admin, domain::Id id, bool disabled);
  std::vector<domain::Account> list(const Actor& admin);
  domain::Account get(const Actor& admin, domain::Id id);
  // Returns the raw token, shown once.
  std::string create_api_token(const Actor& actor, const std::string& name);
  // The actor's own tokens (their hashes included: callers show only name and dates).
  std::vector<domain::ApiToken> api_tokens(const Actor& actor);
  // Throws Error(not_found) for a token of another account, so its existence is not told.
  void revoke_api_token(const Actor& actor, domain::Id token_id);

  // First start: when no account exists, creates 管理者 "admin" with `password` (or a generated
  // one-time password, returned). Returns nullopt when accounts exist already.
  std::optional<std::string> ensure_first_admin(const std::string& password);
  // For the host administrator (app/hosting.hpp) of a city whose administrators are locked out:
  // gives the first administrator "admin" a new one-time password, enabled and 管理者 again, and
  // ends its sessions and API tokens; creates it when it is gone. `by` is a system actor naming
  // the host administrator (the city has no account of theirs).
  Credentials reissue_first_admin(const Actor& by);

 private:
  void check_password_rules(const std::string& password) const;
  store::Store& store_;
};

}  // namespace sasaeai::app
