#pragma once
// What PostgreSQL's errors mean to the store's callers (store.hpp): the same Error kinds and
// codes the SQLite engine throws for the same cases.
#include <string_view>

#include "domain/register_spec.hpp"
#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

// A failure that goes away by trying again: a serialisation failure, a deadlock, a lock not
// granted within lock_timeout, a cancelled statement, or a lost connection.
bool is_transient(const PgError& e);

// Error(unavailable, code database_busy), the answer to every transient failure.
[[noreturn]] void throw_busy();

// A constraint violation of a register change as the SQLite engine reports it; other errors
// propagate unchanged.
[[noreturn]] void rethrow_constraint(const PgError& e, const domain::RegisterSpec& spec, bool deleting);

inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";

}  // namespace sasaeai::store::postgres
