#pragma once
// 協議体メンバー suggest changes to a resource of their district; a coordinator who may change
// it approves (the change is applied as theirs) or rejects, with a reason. An approval can be
// undone while the resource is as the approval left it. Every step is audited.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "domain/validation.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct ProposedChange {
  std::string field;
  std::string label;
  std::string before;
  std::string after;
};

struct Proposal {
  domain::Record record;  // the proposals register row
  std::string resource_name;
  std::vector<ProposedChange> changes;
  bool can_decide = false;
  bool can_undo = false;  // approved, and the actor may change the resource
};

// Pending proposals on one resource, as the actor may know of them.
struct PendingOnResource {
  bool any = false;                     // some proposal on it waits for a decision
  std::optional<domain::Id> own;        // the actor's own pending proposal
  std::optional<domain::Id> reviewable; // the first pending one the actor may decide
};

// The resource fields a member may propose to change, in the order of the proposal form: what a
// resident reads and would notice is wrong. Coordinates, references and administrative fields
// stay with the coordinators.
const std::vector<std::string>& proposable_fields();

class Proposals {
 public:
  explicit Proposals(store::Store& store) : store_(store) {}

  // The resource to propose a change to, as the actor may see it: refused unless the actor may
  // propose changes to it.
  domain::Record proposal_form(const Actor& actor, domain::Id resource_id);
  // Only fields that differ from the stored resource are kept; personal fields are not proposable.
  domain::Id propose(const Actor& actor, domain::Id resource_id, const domain::Input& input, const std::string& note);
  // What the actor may see: their own proposals, or those of districts they may change.
  std::vector<Proposal> list(const Actor& actor, const std::string& status);
  Proposal get(const Actor& actor, domain::Id id);
  void decide(const Actor& actor, domain::Id id, bool approve, const std::string& note);
  // What approving would change, read now: `before` is the resource's current value. Refused
  // unless the actor may decide the proposal and it is still pending. Changes nothing.
  Proposal approval_preview(const Actor& actor, domain::Id id);
  // Puts back the values the approval replaced. Refused (conflict) when the resource was changed
  // after the approval.
  void undo(const Actor& actor, domain::Id id);
  // Pending proposals the actor may decide (0 for those who decide none).
  std::size_t pending_count(const Actor& actor);
  PendingOnResource pending_on(const Actor& actor, domain::Id resource_id);

 private:
  Proposal view(store::ReadTx& tx, const Actor& actor, domain::Record record);
  bool may_read(store::ReadTx& tx, const Actor& actor, const domain::Record& proposal);
  store::Store& store_;
};

}  // namespace sasaeai::app
