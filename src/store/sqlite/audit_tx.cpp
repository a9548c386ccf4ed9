#include "store/sqlite/audit_tx.hpp"

#include "store/sql_builder.hpp"
#include "store/sqlite/statements.hpp"

namespace sasaeai::store::sqlite {

std::vector<domain::AuditEntry> Audit::audit(const domain::AuditQuery& query) {
  const auto [sql, params] = build_audit_select(query);
  auto q = conn_.prepare(sql);
  bind_all(*q, params);
  std::vector<domain::AuditEntry> out;
  while (q->executeStep()) {
    domain::AuditEntry e;
    e.id = q->getColumn(0).getInt64();
    e.at = q->getColumn(1).getString();
    if (!q->getColumn(2).isNull()) e.account_id = q->getColumn(2).getInt64();
    e.login = q->getColumn(3).getString();
    e.address = q->getColumn(4).getString();
    e.action = q->getColumn(5).getString();
    e.register_name = q->getColumn(6).getString();
    if (!q->getColumn(7).isNull()) e.record_id = q->getColumn(7).getInt64();
    e.summary = q->getColumn(8).getString();
    e.old_values = q->getColumn(9).getString();
    e.new_values = q->getColumn(10).getString();
    out.push_back(std::move(e));
  }
  return out;
}

void Audit::append_audit(const domain::AuditEntry& e) {
  auto q = conn_.prepare("INSERT INTO audit_log (account_id, login, address, action, register, record_id, summary, old_values, new_values) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (e.account_id) q->bind(1, static_cast<int64_t>(*e.account_id)); else q->bind(1);
  q->bind(2, e.login);
  q->bind(3, e.address);
  q->bind(4, e.action);
  q->bind(5, e.register_name);
  if (e.record_id) q->bind(6, static_cast<int64_t>(*e.record_id)); else q->bind(6);
  q->bind(7, e.summary);
  q->bind(8, e.old_values);
  q->bind(9, e.new_values);
  q->exec();
}

}  // namespace sasaeai::store::sqlite
