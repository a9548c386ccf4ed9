#include "app/maps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "app/settings.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"
#include "domain/status_words.hpp"

// Resources whose details need checking again: the period, the list, and marking one checked.
namespace sasaeai::app {

namespace {

using domain::Record;
using rows::spec_of;
namespace reg = domain::reg;

}  // namespace

bool verification_due(const Record& resource, const std::string& cutoff) {
  const auto status = resource.text("status");
  if (status != domain::status::active && status != domain::status::preparing) return false;
  const auto verified = resource.text("last_verified_on");
  return verified.empty() || verified < cutoff;
}

int Maps::verification_months() {
  int months = kDefaultVerificationMonths;
  store_.read([&](store::ReadTx& tx) { months = int_setting(tx, kVerificationMonthsSetting, kDefaultVerificationMonths, 1, 120); });
  return months;
}

void Maps::set_verification_months(const Actor& actor, const std::string& months_text) {
  require(actor, can_change(actor, spec_of(reg::resources), std::nullopt), "確認の期限の設定");
  const auto typed = text::trim(text::nfkc(months_text));  // full-width digits are digits
  int months = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), months);
  if (typed.empty() || ec != std::errc() || end != typed.data() + typed.size() || months < 1 || months > 120) {
    throw Error(ErrorKind::invalid, "確認の期限は1〜120か月の整数で入力してください", "months");
  }
  store_.write([&](store::WriteTx& tx) {
    change_setting(tx, actor, kVerificationMonthsSetting, std::to_string(months), fmt::format("社会資源の確認の期限を {} か月に変更", months));
  });
}

std::vector<StaleResource> Maps::stale_resources(const Actor& actor, int months, const std::string& today, std::optional<Id> district_id) {
  require(actor, edits_records(actor), "確認が必要な社会資源の一覧");
  const auto cutoff = months_before(today, months);
  std::vector<StaleResource> out;
  store_.read([&](store::ReadTx& tx) {
    std::vector<store::Filter> equals;
    if (district_id) equals.push_back({"district_id", *district_id});
    for (const auto& r : rows::all(tx, reg::resources, equals, {"name", "district_id", "status", "last_verified_on"})) {
      if (!verification_due(r, cutoff)) continue;
      out.push_back({r.id, r.text("name"), r.ref_title("district_id"), r.text("status"), r.text("last_verified_on")});
    }
  });
  std::stable_sort(out.begin(), out.end(), [](const StaleResource& a, const StaleResource& b) { return a.last_verified_on < b.last_verified_on; });
  return out;
}

void Maps::mark_verified(const Actor& actor, Id resource_id, const std::string& today) {
  Registry registry(store_);
  registry.update(actor, spec_of(reg::resources), resource_id, {{"last_verified_on", today}}, true);
}
}  // namespace sasaeai::app
