#include "store/postgres/audit_tx.hpp"

#include "store/sql_builder.hpp"
#include "store/postgres/statements.hpp"

namespace sasaeai::store::postgres {

std::vector<domain::AuditEntry> Audit::audit(const domain::AuditQuery& query) {
  const auto [sql, params] = build_audit_select(query);
  const auto q = conn_.query(sql, params_of(params));
  std::vector<domain::AuditEntry> out;
  for (int r = 0; r < q.rows(); ++r) {
    domain::AuditEntry e;
    e.id = q.integer(r, 0);
    e.at = q.string(r, 1);
    if (!q.null(r, 2)) e.account_id = q.integer(r, 2);
    e.login = q.string(r, 3);
    e.address = q.string(r, 4);
    e.action = q.string(r, 5);
    e.register_name = q.string(r, 6);
    if (!q.null(r, 7)) e.record_id = q.integer(r, 7);
    e.summary = q.string(r, 8);
    e.old_values = q.string(r, 9);
    e.new_values = q.string(r, 10);
    out.push_back(std::move(e));
  }
  return out;
}

void Audit::append_audit(const domain::AuditEntry& e) {
  Params p;
  if (e.account_id) p.integer(*e.account_id); else p.null();
  p.text(e.login);
  p.text(e.address);
  p.text(e.action);
  p.text(e.register_name);
  if (e.record_id) p.integer(*e.record_id); else p.null();
  p.text(e.summary);
  p.text(e.old_values);
  p.text(e.new_values);
  conn_.query("INSERT INTO audit_log (account_id, login, address, action, register, record_id, summary, old_values, new_values) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              p);
}

}  // namespace sasaeai::store::postgres
