#include "store/postgres/account_tx.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/postgres/errors.hpp"
#include "store/postgres/register_tx.hpp"

namespace sasaeai::store::postgres {
namespace {

using domain::Id;

constexpr std::string_view kAccountColumns =
    "SELECT id, login, display_name, role, password_hash, disabled, must_change_password, created_at FROM accounts";

std::vector<domain::ApiToken> read_tokens(const Result& q) {
  std::vector<domain::ApiToken> out;
  for (int r = 0; r < q.rows(); ++r) out.push_back({q.integer(r, 0), q.string(r, 1), q.integer(r, 2), q.string(r, 3), q.string(r, 4)});
  return out;
}

// Parameters 1–6 of both the INSERT and the UPDATE of an account, in one order.
Params account_params(const domain::Account& a) {
  Params p;
  p.text(a.login);
  p.text(a.display_name);
  p.text(domain::role_code(a.role));
  p.text(a.password_hash);
  p.integer(a.disabled ? 1 : 0);
  p.integer(a.must_change_password ? 1 : 0);
  return p;
}

}  // namespace

std::optional<domain::Account> Accounts::account(Id id) {
  Params p;
  p.integer(id);
  auto found = read_accounts(conn_.query(std::string(kAccountColumns) + " WHERE id = ?", p));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<domain::Account> Accounts::account_by_login(std::string_view login) {
  Params p;
  p.text(login);
  auto found = read_accounts(conn_.query(std::string(kAccountColumns) + " WHERE login = ?", p));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<domain::Account> Accounts::accounts() {
  return read_accounts(conn_.query(std::string(kAccountColumns) + " ORDER BY login"));
}

std::optional<domain::Session> Accounts::session(std::string_view token_hash) {
  Params p;
  p.text(token_hash);
  const auto q = conn_.query(fmt::format("SELECT token_hash, account_id, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > {}",
                                         kNowText),
                             p);
  if (q.rows() == 0) return std::nullopt;
  return domain::Session{q.string(0, 0), q.integer(0, 1), q.string(0, 2), q.string(0, 3)};
}

std::optional<domain::ApiToken> Accounts::api_token(std::string_view token_hash) {
  Params p;
  p.text(token_hash);
  auto found = read_tokens(conn_.query("SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE token_hash = ?", p));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<domain::ApiToken> Accounts::api_tokens(Id account_id) {
  Params p;
  p.integer(account_id);
  return read_tokens(conn_.query("SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE account_id = ? ORDER BY id", p));
}

Id Accounts::insert_account(const domain::Account& a) {
  Id id = 0;
  try {
    id = conn_.query("INSERT INTO accounts (login, display_name, role, password_hash, disabled, must_change_password) "
                     "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                     account_params(a))
             .integer(0, 0);
  } catch (const PgError& e) {
    if (e.sqlstate() == kUniqueViolation) {
      throw Error(ErrorKind::invalid, "同じログインIDのアカウントがすでにあります", "login").with_code(error_code::duplicate);
    }
    throw;
  }
  save_districts(id, a.districts);
  return id;
}

void Accounts::update_account(const domain::Account& a) {
  auto p = account_params(a);
  p.integer(a.id);
  const auto q = conn_.query(fmt::format("UPDATE accounts SET login = ?, display_name = ?, role = ?, password_hash = ?, disabled = ?, "
                                         "must_change_password = ?, updated_at = {} WHERE id = ?",
                                         kNowText),
                             p);
  if (q.affected() == 0) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
  save_districts(a.id, a.districts);
}

void Accounts::insert_session(const domain::Session& session) {
  Params p;
  p.text(session.token_hash);
  p.integer(session.account_id);
  p.text(session.csrf_token);
  p.text(session.expires_at);
  conn_.query("INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)", p);
  conn_.query(fmt::format("DELETE FROM sessions WHERE expires_at <= {}", kNowText));
}

void Accounts::delete_session(std::string_view token_hash) {
  Params p;
  p.text(token_hash);
  conn_.query("DELETE FROM sessions WHERE token_hash = ?", p);
}

int Accounts::delete_other_sessions(Id account_id, std::string_view keep_token_hash) {
  Params p;
  p.integer(account_id);
  p.text(keep_token_hash);
  return static_cast<int>(conn_.query("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?", p).affected());
}

Id Accounts::insert_api_token(const domain::ApiToken& token) {
  Params p;
  p.text(token.token_hash);
  p.integer(token.account_id);
  p.text(token.name);
  return conn_.query("INSERT INTO api_tokens (token_hash, account_id, name) VALUES (?, ?, ?) RETURNING id", p).integer(0, 0);
}

void Accounts::delete_api_token(Id account_id, Id token_id) {
  Params p;
  p.integer(token_id);
  p.integer(account_id);
  if (conn_.query("DELETE FROM api_tokens WHERE id = ? AND account_id = ?", p).affected() == 0) {
    throw Error(ErrorKind::not_found, "APIトークンが見つかりません");
  }
}

int Accounts::sign_in_failures(std::string_view key, std::string_view since) {
  Params p;
  p.text(key);
  p.text(since);
  const auto q = conn_.query("SELECT failures FROM sign_in_failures WHERE throttle_key = ? AND first_at >= ?", p);
  return q.rows() > 0 ? static_cast<int>(q.integer(0, 0)) : 0;
}

void Accounts::record_sign_in_failure(std::string_view key, std::string_view now, std::string_view since) {
  Params old;
  old.text(since);
  conn_.query("DELETE FROM sign_in_failures WHERE first_at < ?", old);
  Params p;
  p.text(key);
  p.text(now);
  conn_.query("INSERT INTO sign_in_failures (throttle_key, failures, first_at) VALUES (?, 1, ?) "
              "ON CONFLICT (throttle_key) DO UPDATE SET failures = sign_in_failures.failures + 1",
              p);
}

void Accounts::clear_sign_in_failures(std::string_view key) {
  Params p;
  p.text(key);
  conn_.query("DELETE FROM sign_in_failures WHERE throttle_key = ?", p);
}

int Accounts::delete_api_tokens_of(Id account_id) {
  Params p;
  p.integer(account_id);
  return static_cast<int>(conn_.query("DELETE FROM api_tokens WHERE account_id = ?", p).affected());
}

std::vector<domain::Account> Accounts::read_accounts(const Result& q) {
  std::vector<domain::Account> out;
  for (int r = 0; r < q.rows(); ++r) {
    domain::Account a;
    a.id = q.integer(r, 0);
    a.login = q.string(r, 1);
    a.display_name = q.string(r, 2);
    a.role = domain::parse_role(q.string(r, 3)).value_or(domain::Role::viewer);
    a.password_hash = q.string(r, 4);
    a.disabled = q.integer(r, 5) != 0;
    a.must_change_password = q.integer(r, 6) != 0;
    a.created_at = q.string(r, 7);
    Params p;
    p.integer(a.id);
    const auto d = conn_.query("SELECT district_id FROM account_districts WHERE account_id = ? ORDER BY district_id", p);
    for (int i = 0; i < d.rows(); ++i) a.districts.push_back(d.integer(i, 0));
    out.push_back(std::move(a));
  }
  return out;
}

void Accounts::save_districts(Id account_id, const std::vector<Id>& districts) {
  Params clear;
  clear.integer(account_id);
  conn_.query("DELETE FROM account_districts WHERE account_id = ?", clear);
  for (auto district : districts) {
    Params p;
    p.integer(account_id);
    p.integer(district);
    try {
      conn_.query("INSERT INTO account_districts (account_id, district_id) VALUES (?, ?) ON CONFLICT DO NOTHING", p);
    } catch (const PgError& e) {
      if (e.sqlstate() == kForeignKeyViolation) {
        throw Error(ErrorKind::invalid, "選ばれた地区が見つかりません", "districts").with_code(error_code::reference_missing);
      }
      throw;
    }
  }
}

}  // namespace sasaeai::store::postgres
