#pragma once
// PostgreSQL implementation of the audit trail concern (store/audit_tx.hpp).
#include "store/audit_tx.hpp"
#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

class Audit : public virtual AuditReads, public virtual AuditWrites {
 public:
  // REQUIRES: `conn` is in a transaction for as long as this object is used.
  explicit Audit(Connection& conn) : conn_(conn) {}

  std::vector<domain::AuditEntry> audit(const domain::AuditQuery& query) override;
  void append_audit(const domain::AuditEntry& entry) override;

 private:
  Connection& conn_;
};

}  // namespace sasaeai::store::postgres
