#pragma once
// Founding stages over time: the stages each municipality keeps (the 高崎 defaults until it
// stores its own), the progress of a council computed from its stored stage records, and the
// stage sheet that records every stage's date (and the meeting that reached it) in one write.
//
// council-stages is an internal register: only this use case writes it. The actor's right to
// change the council is decided first (require); the rows are then written with a copy of the
// actor marked as the system, so validation, constraints and the audit entry (under the actor's
// own login) are the register's own.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/disclosure.hpp"
#include "domain/rules.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

// Every founding stage and council-stage record, read once; the progress of any council from it.
class StageBook {
 public:
  explicit StageBook(Disclosure& reader);
  std::vector<domain::StageDef> stages_for(std::optional<Id> municipality_id) const;
  domain::StageProgress progress(const Record& council) const;

 private:
  std::map<Id, std::vector<domain::StageDef>> stages_;  // by municipality
  std::map<Id, std::vector<Record>> reached_;           // by council
};

struct MeetingChoice {
  Id id = 0;
  std::string label;  // 「2024-10-07 協議体会議」
};

struct StageSheet {
  Record council;
  domain::StageProgress progress;
  std::vector<MeetingChoice> meetings;  // of this council or its district, newest first
  bool may_record = false;
};

// One row of the submitted sheet, named by the stage's name.
struct StageEntry {
  std::string stage;
  std::string date;  // empty: not reached
  std::optional<Id> meeting_id;
};
using StageReader = std::function<std::vector<StageEntry>()>;

class Founding {
 public:
  explicit Founding(store::Store& store) : store_(store) {}

  // The municipality's stages in order: the stored ones, else the defaults (ids 0).
  std::vector<domain::StageDef> stages_of(const Actor& actor, Id municipality_id);
  StageSheet sheet(const Actor& actor, Id council_id);
  // Dates in stage order; a meeting must be one of the council's or its district's. The
  // founding stage's date is the council's founded_on. Stages not stored yet for the council's
  // municipality (a city added after the defaults) are stored first. All in one write.
  void record(const Actor& actor, Id council_id, const StageReader& read);
  bool may_record(const Actor& actor, const Record& council);
  // The current stage's name of every council (未着手 when none), for lists and the API.
  std::map<Id, std::string> stage_labels(const Actor& actor);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
