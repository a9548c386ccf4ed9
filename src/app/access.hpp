#pragma once
// Who may open the pages that only show a form or a menu before a use case runs (the import
// forms, account settings, the account form). Each throws like app/policy.hpp `require`, so
// that handlers never decide access themselves.
#include "app/actor.hpp"
#include "domain/register_spec.hpp"

namespace sasaeai::app {

void require_account_settings(const Actor& actor);   // any signed-in account: its own settings
void require_account_management(const Actor& actor);  // 管理者
void require_needs_import(const Actor& actor);
void require_walk_data_management(const Actor& actor);  // walking network and population
void require_register_import(const Actor& actor, const domain::RegisterSpec& spec);
// The data books (report/data_book): what the district pages need, a signed-in reader; decided
// before a book is queued, and again by the read models it is built from.
void require_data_book(const Actor& actor);

}  // namespace sasaeai::app
