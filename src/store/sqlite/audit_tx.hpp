#pragma once
// SQLite implementation of the audit trail concern (store/audit_tx.hpp).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/audit_tx.hpp"

namespace sasaeai::store::sqlite {

class Audit : public virtual AuditReads, public virtual AuditWrites {
 public:
  // REQUIRES: `db` is in a transaction for as long as this object is used.
  explicit Audit(SQLite::Database& db) : db_(db) {}

  std::vector<domain::AuditEntry> audit(const domain::AuditQuery& query) override;
  void append_audit(const domain::AuditEntry& entry) override;

 private:
  SQLite::Database& db_;
};

}  // namespace sasaeai::store::sqlite
