#include "app/accounts.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "app/calendar_feeds.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "auth/credentials.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

using domain::Account;
using domain::Role;

namespace {

constexpr const char* kSignInFailed = "ログインIDまたはパスワードが違います。";
constexpr const char* kThrottled = "サインインの失敗が続いたため、しばらく受け付けません。15分ほどおいてからお試しください。";

std::string utc_after(std::chrono::seconds delta) {
  const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() + delta);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", t);
}

// A password for a person to type once: no look-alike characters.
std::string one_time_password() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
  std::string out;
  for (char c : auth::random_token(24)) {
    out += kAlphabet[static_cast<unsigned char>(c) % kAlphabet.size()];
    if (out.size() == 14) break;
  }
  return out;
}

void validate_login(const std::string& login) {
  if (login.size() < 3 || login.size() > 40) throw Error(ErrorKind::invalid, "ログインIDは3〜40文字の半角英数字で入力してください", "login");
  for (char c : login) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      throw Error(ErrorKind::invalid, "ログインIDは半角英数字と - _ . で入力してください", "login");
    }
  }
}

// Ends the account's sessions (but the one hashed `keep`) and all its API tokens; returns the
// note for the audit entry.
std::string end_access(store::WriteTx& tx, domain::Id account_id, const std::string& keep) {
  const auto sessions = tx.delete_other_sessions(account_id, keep);
  const auto tokens = tx.delete_api_tokens_of(account_id);
  const auto feeds = revoke_feeds_of(tx, account_id);
  const auto also = feeds ? fmt::format("・カレンダー購読URL{}件", feeds) : std::string();
  return fmt::format("（{}セッション{}件・APIトークン{}件{}を終了）", keep.empty() ? "" : "他の", sessions, tokens, also);
}

}  // namespace

Accounts::Accounts(store::Store& store) : store_(store) {}

void Accounts::check_password_rules(const std::string& password) const {
  if (text::length(password) < kMinPasswordLength) {
    throw Error(ErrorKind::invalid, fmt::format("パスワードは{}文字以上にしてください", kMinPasswordLength), "password");
  }
  if (text::length(password) > 200) throw Error(ErrorKind::invalid, "パスワードは200文字以内にしてください", "password");
}

SignedIn Accounts::sign_in(const std::string& login, const std::string& password, const std::string& address) {
  const auto login_key = "login:" + login;
  const auto address_key = "addr:" + address;
  const auto window_start = utc_after(-std::chrono::duration_cast<std::chrono::seconds>(kThrottleWindow));
  // A failure is counted in the same transaction as its audit entry, so the count every server
  // reads next and the trail agree.
  auto refuse = [&](const char* message, std::optional<domain::Id> account_id, bool count) {
    store_.write([&](store::WriteTx& tx) {
      if (count) {
        const auto now = utc_after(std::chrono::seconds(0));
        tx.record_sign_in_failure(login_key, now, window_start);
        tx.record_sign_in_failure(address_key, now, window_start);
      }
      Actor who = Actor::visitor(address);
      who.login = login.substr(0, 40);
      who.account_id = account_id;
      audit(tx, who, "sign_in_failed", "", std::nullopt, message);
    });
    throw Error(ErrorKind::unauthorized, message);
  };
  bool throttled = false;
  std::optional<Account> account;
  store_.read([&](store::ReadTx& tx) {
    throttled = tx.sign_in_failures(login_key, window_start) >= kMaxFailuresPerLogin ||
                tx.sign_in_failures(address_key, window_start) >= kMaxFailuresPerAddress;
    if (!throttled) account = tx.account_by_login(login);
  });
  if (throttled) refuse(kThrottled, std::nullopt, false);

  // Verify even for unknown logins so that timing does not tell which logins exist.
  static const std::string kDummyHash = auth::hash_password("not a real password");
  const bool ok = auth::verify_password(password, account ? account->password_hash : kDummyHash) && account && !account->disabled;
  if (!ok) refuse(kSignInFailed, account ? std::optional(account->id) : std::nullopt, true);

  SignedIn result;
  result.session_token = auth::random_token(32);
  result.csrf_token = auth::random_token(32);
  result.actor = Actor::of(*account, address);
  result.must_change_password = account->must_change_password;
  store_.write([&](store::WriteTx& tx) {
    tx.clear_sign_in_failures(login_key);
    tx.insert_session({auth::sha256_hex(result.session_token), account->id, result.csrf_token,
                       utc_after(std::chrono::duration_cast<std::chrono::seconds>(kSessionLifetime))});
    audit(tx, result.actor, "sign_in", "", std::nullopt, "サインイン");
  });
  return result;
}

void Accounts::sign_out(const Actor& actor, const std::string& session_token) {
  store_.write([&](store::WriteTx& tx) {
    tx.delete_session(auth::sha256_hex(session_token));
    audit(tx, actor, "sign_out", "", std::nullopt, "サインアウト");
  });
}

std::optional<std::pair<Actor, std::string>> Accounts::session_actor(const std::string& session_token, const std::string& address) {
  if (session_token.empty()) return std::nullopt;
  std::optional<std::pair<Actor, std::string>> out;
  store_.read([&](store::ReadTx& tx) {
    auto session = tx.session(auth::sha256_hex(session_token));
    if (!session) return;
    auto account = tx.account(session->account_id);
    if (!account || account->disabled) return;
    out.emplace(Actor::of(*account, address), session->csrf_token);
  });
  return out;
}

std::optional<Actor> Accounts::token_actor(const std::string& api_token, const std::string& address) {
  if (api_token.empty()) return std::nullopt;
  std::optional<Actor> out;
  store_.read([&](store::ReadTx& tx) {
    auto token = tx.api_token(auth::sha256_hex(api_token));
    if (!token) return;
    auto account = tx.account(token->account_id);
    if (!account || account->disabled) return;
    out = Actor::of(*account, address);
  });
  return out;
}

void Accounts::change_password(const Actor& actor, const std::string& current, const std::string& replacement,
                               const std::string& current_session_token) {
  require(actor, actor.account_id.has_value(), "パスワードの変更");
  check_password_rules(replacement);
  store_.write([&](store::WriteTx& tx) {
    auto account = tx.account(*actor.account_id);
    if (!account || !auth::verify_password(current, account->password_hash)) {
      throw Error(ErrorKind::invalid, "現在のパスワードが違います", "current_password");
    }
    if (current == replacement) throw Error(ErrorKind::invalid, "新しいパスワードは現在のものと変えてください", "password");
    account->password_hash = auth::hash_password(replacement);
    account->must_change_password = false;
    tx.update_account(*account);
    const auto kept = current_session_token.empty() ? std::string() : auth::sha256_hex(current_session_token);
    const auto ended = end_access(tx, account->id, kept);
    audit(tx, actor, "password_change", "accounts", account->id, account->login + ended);
  });
}

Credentials Accounts::create(const Actor& admin, const NewAccount& input) {
  require(admin, can_administer(admin), "アカウントの管理");
  validate_login(input.login);
  Credentials out;
  auto role = domain::parse_role(input.role);
  if (!role) throw Error(ErrorKind::invalid, "役割を選んでください", "role");
  if (text::trim(input.display_name).empty()) throw Error(ErrorKind::invalid, "「表示名」を入力してください", "display_name");
  if (domain::is_district_scoped(*role) && input.districts.empty()) {
    throw Error(ErrorKind::invalid, "この役割には担当の地区を選んでください", "districts");
  }
  out.one_time_password = input.password.empty() ? one_time_password() : input.password;
  if (!input.password.empty()) check_password_rules(input.password);
  out.account.login = input.login;
  out.account.display_name = text::trim(input.display_name);
  out.account.role = *role;
  out.account.districts = domain::is_district_scoped(*role) ? input.districts : std::vector<domain::Id>{};
  out.account.password_hash = auth::hash_password(out.one_time_password);
  out.account.must_change_password = input.password.empty();
  store_.write([&](store::WriteTx& tx) {
    out.account.id = tx.insert_account(out.account);
    audit(tx, admin, "account_create", "accounts", out.account.id,
          fmt::format("{}（{}）", out.account.login, domain::role_label(out.account.role)));
  });
  return out;
}

void Accounts::update(const Actor& admin, domain::Id id, const NewAccount& changes) {
  require(admin, can_administer(admin), "アカウントの管理");
  auto role = domain::parse_role(changes.role);
  if (!role) throw Error(ErrorKind::invalid, "役割を選んでください", "role");
  if (domain::is_district_scoped(*role) && changes.districts.empty()) {
    throw Error(ErrorKind::invalid, "この役割には担当の地区を選んでください", "districts");
  }
  if (text::trim(changes.display_name).empty()) throw Error(ErrorKind::invalid, "「表示名」を入力してください", "display_name");
  store_.write([&](store::WriteTx& tx) {
    auto account = tx.account(id);
    if (!account) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
    const auto before = fmt::format("{} / {}", account->display_name, domain::role_label(account->role));
    account->display_name = text::trim(changes.display_name);
    account->role = *role;
    account->districts = domain::is_district_scoped(*role) ? changes.districts : std::vector<domain::Id>{};
    tx.update_account(*account);
    audit(tx, admin, "account_update", "accounts", id, account->login, before,
          fmt::format("{} / {}", account->display_name, domain::role_label(account->role)));
  });
}

Credentials Accounts::reset_password(const Actor& admin, domain::Id id) {
  require(admin, can_administer(admin), "アカウントの管理");
  Credentials out;
  out.one_time_password = one_time_password();
  store_.write([&](store::WriteTx& tx) {
    auto account = tx.account(id);
    if (!account) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
    account->password_hash = auth::hash_password(out.one_time_password);
    account->must_change_password = true;
    tx.update_account(*account);
    const auto ended = end_access(tx, id, "");
    audit(tx, admin, "password_reset", "accounts", id, account->login + ended);
    out.account = *account;
  });
  return out;
}

void Accounts::set_disabled(const Actor& admin, domain::Id id, bool disabled) {
  require(admin, can_administer(admin), "アカウントの管理");
  if (admin.account_id == id && disabled) throw Error(ErrorKind::invalid, "自分自身のアカウントは無効にできません");
  store_.write([&](store::WriteTx& tx) {
    auto account = tx.account(id);
    if (!account) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
    account->disabled = disabled;
    tx.update_account(*account);
    // Ended for good rather than hidden behind the flag, so enabling the account again does not
    // bring back a token that may have leaked meanwhile.
    const auto ended = disabled ? end_access(tx, id, "") : std::string();
    audit(tx, admin, disabled ? "account_disable" : "account_enable", "accounts", id, account->login + ended);
  });
}

std::vector<Account> Accounts::list(const Actor& admin) {
  require(admin, can_administer(admin), "アカウントの管理");
  std::vector<Account> out;
  store_.read([&](store::ReadTx& tx) { out = tx.accounts(); });
  return out;
}

Account Accounts::get(const Actor& admin, domain::Id id) {
  require(admin, can_administer(admin), "アカウントの管理");
  std::optional<Account> out;
  store_.read([&](store::ReadTx& tx) { out = tx.account(id); });
  if (!out) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
  return *out;
}

std::string Accounts::create_api_token(const Actor& actor, const std::string& name) {
  require(actor, actor.account_id.has_value(), "APIトークンの発行");
  if (text::trim(name).empty()) throw Error(ErrorKind::invalid, "トークンの名前（用途）を入力してください", "name");
  const auto token = auth::random_token(32);
  store_.write([&](store::WriteTx& tx) {
    domain::ApiToken t;
    t.token_hash = auth::sha256_hex(token);
    t.account_id = *actor.account_id;
    t.name = text::trim(name);
    const auto id = tx.insert_api_token(t);
    audit(tx, actor, "api_token_create", "api_tokens", id, t.name);
  });
  return token;
}

std::vector<domain::ApiToken> Accounts::api_tokens(const Actor& actor) {
  require(actor, actor.account_id.has_value(), "APIトークンの一覧");
  std::vector<domain::ApiToken> out;
  store_.read([&](store::ReadTx& tx) { out = tx.api_tokens(*actor.account_id); });
  return out;
}

void Accounts::revoke_api_token(const Actor& actor, domain::Id token_id) {
  require(actor, actor.account_id.has_value(), "APIトークンの無効化");
  store_.write([&](store::WriteTx& tx) {
    std::optional<domain::ApiToken> token;
    for (auto& t : tx.api_tokens(*actor.account_id)) {
      if (t.id == token_id) token = std::move(t);
    }
    if (!token) throw Error(ErrorKind::not_found, "APIトークンが見つかりません");
    tx.delete_api_token(*actor.account_id, token_id);
    audit(tx, actor, "api_token_revoke", "api_tokens", token_id, token->name);
  });
}

std::optional<std::string> Accounts::ensure_first_admin(const std::string& password) {
  bool any = false;
  store_.read([&](store::ReadTx& tx) { any = !tx.accounts().empty(); });
  if (any) return std::nullopt;
  NewAccount admin{"admin", "管理者", "admin", {}, password};
  auto created = create(Actor::system_actor("first-start"), admin);
  return created.one_time_password;
}

Credentials Accounts::reissue_first_admin(const Actor& by) {
  require(by, by.system, "市町村の管理");
  std::optional<domain::Account> existing;
  store_.read([&](store::ReadTx& tx) { existing = tx.account_by_login("admin"); });
  if (!existing) return create(by, NewAccount{"admin", "管理者", "admin", {}, ""});
  Credentials out;
  out.one_time_password = one_time_password();
  store_.write([&](store::WriteTx& tx) {
    auto account = tx.account(existing->id);
    if (!account) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
    account->password_hash = auth::hash_password(out.one_time_password);
    account->must_change_password = true;
    account->disabled = false;
    account->role = domain::Role::admin;
    account->districts.clear();
    tx.update_account(*account);
    const auto ended = end_access(tx, account->id, "");
    audit(tx, by, "password_reset", "accounts", account->id, account->login + "（市町村の管理から再発行）" + ended);
    out.account = *account;
  });
  return out;
}

}  // namespace sasaeai::app
