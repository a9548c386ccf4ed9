#include "app/audit_log.hpp"

#include "app/policy.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {

std::vector<domain::AuditEntry> audit_entries(store::Store& store, const Actor& actor, const domain::AuditQuery& query) {
  require(actor, can_administer(actor), "監査ログの閲覧");
  for (const auto& [date, field] : {std::pair{&query.from_date, "from"}, std::pair{&query.to_date, "to"}}) {
    if (!date->empty() && !domain::is_valid_iso_date(*date)) throw Error(ErrorKind::invalid, "日付は 2025-04-01 の形で指定してください", field);
  }
  std::vector<domain::AuditEntry> entries;
  store.read([&](store::ReadTx& tx) { entries = tx.audit(query); });
  return entries;
}

}  // namespace sasaeai::app
