#pragma once
// The audit trail as 管理者 read it, filtered by account, register, record and dates.
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// Refused (forbidden) unless the actor administers; then Error(invalid) naming "from" or "to"
// when a date is not yyyy-mm-dd.
std::vector<domain::AuditEntry> audit_entries(store::Store& store, const Actor& actor, const domain::AuditQuery& query);

}  // namespace sasaeai::app
