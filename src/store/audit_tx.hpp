#pragma once
// The audit trail. It is append-only: there is no update or delete, and the SQLite schema
// refuses both with triggers.
// The contracts of store.hpp (threads, nesting, lifetime) apply to every function here.
#include <vector>

#include "domain/account.hpp"

namespace sasaeai::store {

class AuditReads {
 public:
  virtual ~AuditReads() = default;
  // Newest first; copies the caller owns.
  virtual std::vector<domain::AuditEntry> audit(const domain::AuditQuery& query) = 0;
};

class AuditWrites {
 public:
  virtual ~AuditWrites() = default;
  // Append it in the same WriteTx as the change it records, so both are stored or neither.
  virtual void append_audit(const domain::AuditEntry& entry) = 0;
};

}  // namespace sasaeai::store
