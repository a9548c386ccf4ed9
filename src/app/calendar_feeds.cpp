#include "app/calendar_feeds.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "auth/credentials.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
using domain::Record;
using domain::Value;

const domain::RegisterSpec& feeds_spec() { return domain::register_spec(reg::calendar_feeds); }

std::vector<Record> live_feeds_of(store::ReadTx& tx, domain::Id account_id) {
  std::vector<Record> out;
  for (auto& f : rows::all(tx, reg::calendar_feeds, {{"account_id", Value{account_id}}})) {
    if (f.text("revoked_at").empty()) out.push_back(std::move(f));
  }
  return out;
}

void mark_revoked(store::WriteTx& tx, Record feed) {
  feed.values["revoked_at"] = dates::to_utc_timestamp(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  tx.update(feeds_spec(), feed.id, feed);
}

}  // namespace

std::string CalendarFeeds::create(const Actor& actor, const std::string& name) {
  require(actor, actor.account_id.has_value(), "カレンダーの購読URLの作成");
  const auto trimmed = text::trim(name);
  if (trimmed.empty()) throw Error(ErrorKind::invalid, "購読URLの名前を入力してください（例: 私のスマートフォン）", "name");
  if (text::length(trimmed) > 60) throw Error(ErrorKind::invalid, "名前は60文字以内にしてください", "name");
  const auto secret = auth::random_token(32);
  store_.write([&](store::WriteTx& tx) {
    Record feed;
    feed.values["account_id"] = Value{*actor.account_id};
    feed.values["name"] = trimmed;
    feed.values["secret_hash"] = auth::sha256_hex(secret);
    const auto id = tx.insert(feeds_spec(), feed);
    audit(tx, actor, "calendar_feed_create", std::string(reg::calendar_feeds), id, fmt::format("カレンダーの購読URL「{}」", trimmed));
  });
  return secret;
}

std::vector<CalendarFeed> CalendarFeeds::list(const Actor& actor) {
  std::vector<CalendarFeed> out;
  if (!actor.account_id) return out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& f : live_feeds_of(tx, *actor.account_id)) out.push_back({f.id, f.text("name")});
  });
  return out;
}

void CalendarFeeds::revoke(const Actor& actor, domain::Id feed_id) {
  require(actor, actor.account_id.has_value(), "カレンダーの購読URLの無効化");
  store_.write([&](store::WriteTx& tx) {
    for (auto& f : live_feeds_of(tx, *actor.account_id)) {
      if (f.id != feed_id) continue;
      const auto name = f.text("name");
      mark_revoked(tx, std::move(f));
      audit(tx, actor, "calendar_feed_revoke", std::string(reg::calendar_feeds), feed_id, fmt::format("カレンダーの購読URL「{}」", name));
      return;
    }
    throw Error(ErrorKind::not_found, "その購読URLはありません");
  });
}

std::optional<Actor> CalendarFeeds::actor_for(const std::string& secret, const std::string& address) {
  if (secret.empty()) return std::nullopt;
  std::optional<Actor> out;
  store_.read([&](store::ReadTx& tx) {
    const auto feeds = rows::all(tx, reg::calendar_feeds, {{"secret_hash", Value{auth::sha256_hex(secret)}}});
    if (feeds.empty() || !feeds.front().text("revoked_at").empty()) return;
    const auto account = tx.account(feeds.front().integer("account_id").value_or(0));
    if (!account || account->disabled) return;
    out = Actor::of(*account, address);
  });
  return out;
}

int revoke_feeds_of(store::WriteTx& tx, domain::Id account_id) {
  int n = 0;
  for (auto& f : live_feeds_of(tx, account_id)) {
    mark_revoked(tx, std::move(f));
    ++n;
  }
  return n;
}

}  // namespace sasaeai::app
