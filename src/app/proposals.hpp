#pragma once
// 協議体メンバー suggest changes to a resource of their district; a coordinator who may change
// it approves (the change is applied as theirs) or rejects, with a reason. Both are audited.
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
};

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

 private:
  Proposal view(store::ReadTx& tx, const Actor& actor, domain::Record record);
  bool may_read(store::ReadTx& tx, const Actor& actor, const domain::Record& proposal);
  store::Store& store_;
};

}  // namespace sasaeai::app
