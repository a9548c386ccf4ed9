#pragma once
// Suggestions for a consultation (相談記録), ranked and explained one line per reason: for a
// person's need, resources and supporters; for someone who wants to help, activities of their
// district; for a group that wants to start or keep an activity or see one elsewhere, similar
// activities and councils of other districts. Read through the Disclosure: a supporter the
// reader may not see is not suggested, and contacts are the ones the reader may see.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/coverage.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct MatchSuggestion {
  std::string register_name;  // resources, supporters or councils
  Id id = 0;
  std::string title;
  std::string district;
  double score = 0;                    // higher is better; only the order means anything
  std::optional<double> distance_m;    // walking distance from the consultation's 町内会, when known
  std::vector<std::string> reasons;    // Japanese, one line per reason
  std::string contact;                 // a contact the reader may see ("" when none)
};

struct MatchResult {
  std::string heading;   // what was looked for, in words
  std::string method;    // how distances were measured (walking network or straight line × detour)
  std::vector<MatchSuggestion> items;  // best first
};

class Matching {
 public:
  Matching(store::Store& store, Coverage& coverage) : store_(store), coverage_(coverage) {}
  // Refuses those who read no consultations (Error forbidden/unauthorized).
  void require_reader(const Actor& actor) const;
  // Throws Error(not_found) for a consultation the actor may not read.
  MatchResult suggest(const Actor& actor, Id consultation_id, std::size_t limit = 10);

 private:
  store::Store& store_;
  Coverage& coverage_;
};

}  // namespace sasaeai::app
