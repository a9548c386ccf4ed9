#pragma once
// Use cases on consultations (相談記録) beyond the register pages: the coordinators' list with
// its filters, the quick entry form's defaults, a consultation's page (follow-ups and
// introductions in one read, audited), recording an introduction from a suggestion, moving an
// introduction through its lifecycle, and the introductions nobody has checked for a while.
// Reads go through app/disclosure.hpp and writes through app::Registry, so who sees what and
// how a change is validated and audited is decided in one place.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matching.hpp"
#include "app/registry.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct ConsultationFilter {
  std::optional<int> fiscal_year;   // 年度 (April–March) of the consultation date
  std::optional<Id> district_id;
  std::string kind;                 // "" for any
  std::string status;               // "" for any
  bool mine = false;                // coordinator_account_id is the actor's account
};

struct ConsultationList {
  bool counts_only = false;         // the actor sees counts, never records (council members, viewers)
  std::vector<Record> rows;         // newest first; empty when counts_only
  std::vector<int> fiscal_years;    // 年度 that have consultations the actor sees, newest first
};

struct ConsultationPage {
  Record consultation;
  std::vector<Record> follow_ups;     // oldest first
  std::vector<Record> introductions;  // oldest first
  bool may_change = false;            // the consultation and its follow-ups and introductions
};

struct StaleIntroduction {
  Record introduction;
  Record consultation;
  long days = 0;  // since status_on
};

inline constexpr std::string_view kIntroductionStaleDaysSetting = "introduction_stale_days";
inline constexpr int kDefaultIntroductionStaleDays = 30;

class Consultations {
 public:
  Consultations(store::Store& store, Matching& matching) : store_(store), matching_(matching) {}

  // Signed-in people only; those who may not read consultations get counts_only.
  ConsultationList list(const Actor& actor, const ConsultationFilter& filter);
  // The values the quick entry form starts with: today, the signed-in coordinator, their district.
  Input new_form(const Actor& actor, const std::string& today);
  // Creates a consultation from the form; a blank coordinator is the actor. Permission first.
  Record create(const Actor& actor, const InputReader& read);
  // The consultation with its follow-ups and introductions; not_found for one the actor may not
  // read. Showing personal values is written to the audit trail.
  ConsultationPage page(const Actor& actor, Id consultation_id);
  Record add_follow_up(const Actor& actor, Id consultation_id, const InputReader& read);
  // Records an introduction of one of the consultation's current suggestions (register and id),
  // status 紹介した on `today`, the suggestion's reasons copied.
  Record introduce(const Actor& actor, Id consultation_id, const std::string& register_name, Id target_id, const std::string& today);
  // Moves an introduction to `to` (domain::consultation::may_move), status_on becomes `today`;
  // 不成立 needs a reason. Returns the introduction's consultation id.
  Id move(const Actor& actor, Id introduction_id, const std::string& to, const std::string& failure_reason, const std::string& today);
  // Open introductions whose status_on is more than `days` days before `today`, oldest first.
  std::vector<StaleIntroduction> stale(const Actor& actor, int days, const std::string& today, bool mine);

  int stale_days();
  void set_stale_days(const Actor& actor, const std::string& days_text);
  bool may_set_stale_days(const Actor& actor) const;

 private:
  store::Store& store_;
  Matching& matching_;
};

// `today` minus `days` days, yyyy-mm-dd.
std::string days_before(const std::string& today, int days);

}  // namespace sasaeai::app
