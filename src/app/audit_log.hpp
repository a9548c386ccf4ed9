#pragma once
// The audit trail as 管理者 read it, filtered by account, register, record and dates, and told in
// Japanese: what was done (サインイン, 更新 …) and to what (社会資源 #2), with Japan's dates.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// One entry as it reads on the page. `target_href` is set when the record it is about still
// exists and has a page.
struct AuditLine {
  domain::AuditEntry entry;
  std::string action_label;  // サインイン
  std::string target_label;  // 社会資源 #2; "" for an entry about no register (a sign-in)
  std::string target_href;   // /resources/2, or ""
};

// Refused (forbidden) unless the actor administers; then Error(invalid) naming "from" or "to"
// when a date is not yyyy-mm-dd. The dates are days in Japan (from 0:00 to 24:00 Japan time),
// though entries are stored with UTC timestamps.
std::vector<domain::AuditEntry> audit_entries(store::Store& store, const Actor& actor, const domain::AuditQuery& query);
// The same entries with their Japanese words and the links to what they are about.
std::vector<AuditLine> audit_lines(store::Store& store, const Actor& actor, const domain::AuditQuery& query);

// How an action code reads: sign_in → サインイン, update → 更新; an unknown code reads as itself.
std::string audit_action_label(std::string_view action);
// What a register name in the trail is called: resources → 社会資源, backup → バックアップ;
// an unknown name reads as itself.
std::string audit_register_label(std::string_view register_name);

// The registers and other things the trail names, for choosing one: {name, label}.
struct AuditTarget {
  std::string name;
  std::string label;
};
std::vector<AuditTarget> audit_targets();

}  // namespace sasaeai::app
