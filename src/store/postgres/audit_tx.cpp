#include "store/postgres/audit_tx.hpp"

#include "store/postgres/statements.hpp"

namespace sasaeai::store::postgres {

std::vector<domain::AuditEntry> Audit::audit(const domain::AuditQuery& query) {
  std::string sql = "SELECT id, at, account_id, login, address, action, register, record_id, summary, old_values, new_values FROM audit_log";
  std::vector<domain::Value> params;
  std::vector<std::string> where;
  if (!query.login.empty()) { where.emplace_back("login = ?"); params.emplace_back(query.login); }
  if (!query.register_name.empty()) { where.emplace_back("register = ?"); params.emplace_back(query.register_name); }
  if (query.record_id) { where.emplace_back("record_id = ?"); params.emplace_back(*query.record_id); }
  if (!query.from_at.empty()) { where.emplace_back("at >= ?"); params.emplace_back(query.from_at); }
  if (!query.before_at.empty()) { where.emplace_back("at < ?"); params.emplace_back(query.before_at); }
  for (std::size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  params.emplace_back(query.limit > 0 ? query.limit : std::int64_t{200});
  params.emplace_back(query.offset);
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
