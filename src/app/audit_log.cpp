#include "app/audit_log.hpp"

#include <fmt/format.h>

#include <map>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/validation.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {

namespace {

// Every action code the use cases write (grep for `audit(tx`), with its Japanese word.
const std::map<std::string, std::string, std::less<>>& action_labels() {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"create", "作成"},
      {"update", "更新"},
      {"delete", "削除"},
      {"view", "閲覧"},
      {"export", "書き出し"},
      {"import", "取り込み"},
      {"sign_in", "サインイン"},
      {"sign_in_failed", "サインイン失敗"},
      {"sign_out", "サインアウト"},
      {"password_change", "パスワード変更"},
      {"password_reset", "パスワード再発行"},
      {"account_create", "アカウント作成"},
      {"account_update", "アカウント変更"},
      {"account_disable", "アカウントを無効に"},
      {"account_enable", "アカウントを有効に"},
      {"api_token_create", "APIトークン発行"},
      {"api_token_revoke", "APIトークン取り消し"},
      {"calendar_feed_create", "カレンダー購読URL発行"},
      {"calendar_feed_revoke", "カレンダー購読URL取り消し"},
      {"propose", "変更の提案"},
      {"proposal_approve", "提案の承認"},
      {"proposal_reject", "提案の却下"},
      {"proposal_undo", "承認の取り消し"},
      {"import_undo", "取り込みの取り消し"},
  };
  return labels;
}

// What the trail names besides registers.
const std::map<std::string, std::string, std::less<>>& other_targets() {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"accounts", "アカウント"},
      {"api_tokens", "APIトークン"},
      {"backup", "バックアップ"},
      {"hosting", "市町村の管理"},
      {"settings", "設定"},
      {"walk_network", "歩行ネットワーク"},
  };
  return labels;
}

// The page of the record an entry is about, when it has one ("" otherwise); whether the record
// still exists is asked separately.
std::string page_of(std::string_view register_name, domain::Id id) {
  if (register_name == "accounts") return fmt::format("/admin/accounts/{}/edit", id);
  if (register_name == domain::reg::proposals) return fmt::format("/proposals/{}", id);
  const auto* spec = domain::find_register(register_name);
  if (!spec || spec->internal) return "";
  return fmt::format("/{}/{}", spec->name, id);
}

// Whether the record is still there (not deleted), asked through the read path like any read;
// only the answer reaches the page, nothing of the record.
bool still_exists(store::ReadTx& tx, const Actor& actor, std::string_view register_name, domain::Id id) {
  if (register_name == "accounts") return tx.account(id).has_value();
  const auto* spec = domain::find_register(register_name);
  return spec && Disclosure(tx, actor).get(*spec, id).has_value();
}

}  // namespace

std::vector<domain::AuditEntry> audit_entries(store::Store& store, const Actor& actor, const domain::AuditQuery& query) {
  require(actor, can_administer(actor), "監査ログの閲覧");
  auto q = query;
  for (const auto& [date, field] : {std::pair{&q.from_date, "from"}, std::pair{&q.to_date, "to"}}) {
    if (date->empty()) continue;
    const auto iso = domain::parse_date_input(*date);  // 令和7年4月1日 as well as 2025-04-01
    if (!iso) throw Error(ErrorKind::invalid, "日付は 令和7年4月1日 や 2025-04-01 のように指定してください", field);
    *date = *iso;
  }
  // The days are Japan's; the trail's timestamps are UTC.
  if (const auto from = dates::parse_iso(q.from_date)) q.from_at = dates::japan_day_start_utc(*from);
  if (const auto to = dates::parse_iso(q.to_date)) q.before_at = dates::japan_day_start_utc(std::chrono::sys_days(*to) + std::chrono::days(1));
  std::vector<domain::AuditEntry> entries;
  store.read([&](store::ReadTx& tx) { entries = tx.audit(q); });
  return entries;
}

std::vector<AuditLine> audit_lines(store::Store& store, const Actor& actor, const domain::AuditQuery& query) {
  auto entries = audit_entries(store, actor, query);
  std::vector<AuditLine> lines;
  lines.reserve(entries.size());
  std::map<std::pair<std::string, domain::Id>, bool> exists;
  store.read([&](store::ReadTx& tx) {
    for (auto& e : entries) {
      AuditLine line;
      line.action_label = audit_action_label(e.action);
      if (!e.register_name.empty()) {
        line.target_label = audit_register_label(e.register_name);
        if (e.record_id) {
          line.target_label += fmt::format(" #{}", *e.record_id);
          if (auto href = page_of(e.register_name, *e.record_id); !href.empty()) {
            const auto key = std::pair{e.register_name, *e.record_id};
            auto found = exists.find(key);
            if (found == exists.end()) found = exists.emplace(key, still_exists(tx, actor, e.register_name, *e.record_id)).first;
            if (found->second) line.target_href = std::move(href);
          }
        }
      }
      line.entry = std::move(e);
      lines.push_back(std::move(line));
    }
  });
  return lines;
}

std::string audit_action_label(std::string_view action) {
  const auto& labels = action_labels();
  if (auto it = labels.find(action); it != labels.end()) return it->second;
  return std::string(action);
}

std::string audit_register_label(std::string_view register_name) {
  if (const auto* spec = domain::find_register(register_name)) return spec->label;
  const auto& labels = other_targets();
  if (auto it = labels.find(register_name); it != labels.end()) return it->second;
  return std::string(register_name);
}

std::vector<AuditTarget> audit_targets() {
  std::vector<AuditTarget> out;
  for (const auto& spec : domain::all_registers()) out.push_back({spec.name, spec.label});
  for (const auto& [name, label] : other_targets()) out.push_back({name, label});
  return out;
}

}  // namespace sasaeai::app
