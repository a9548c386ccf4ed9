#pragma once
// The history of needs table imports, and undoing one: an import keeps what it added and what it
// replaced, and undoing it removes exactly what it added and puts back what it replaced, in one
// transaction — refused when those counts were changed since, so no later work is lost.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::io {

// What one import changed, as it is recorded.
struct NeedsImportChanges {
  // (register name, record as stored after the import)
  std::vector<std::pair<std::string, domain::Record>> added;
  // (register name, record as it was before the import removed it)
  std::vector<std::pair<std::string, domain::Record>> replaced;
};

// Records an import in the same transaction that wrote it; returns the history entry's id.
domain::Id record_needs_import(store::WriteTx& tx, const app::Actor& actor, domain::Id district_id, const std::string& source,
                               const std::string& period, std::size_t rows, const NeedsImportChanges& changes);

struct NeedsImportEntry {
  domain::Id id = 0;
  domain::Id district_id = 0;
  std::string district;
  std::string source;
  std::string period;
  std::string imported_at;  // UTC timestamp
  std::string imported_by;
  std::int64_t rows = 0;
  std::int64_t added = 0;
  std::int64_t replaced = 0;
  std::string undone_at;  // empty while in effect
  std::string undone_by;
  bool can_undo = false;   // the reader may undo it (their district, not undone yet)
  std::string blocked;     // why it can no longer be undone (changed since), empty otherwise
};

// The imports the reader may import into, newest first (those who may import needs only).
std::vector<NeedsImportEntry> needs_import_history(store::Store& store, const app::Actor& actor, std::size_t limit = 50);
// One entry, with `blocked` worked out; throws not_found, forbidden.
NeedsImportEntry needs_import_entry(store::Store& store, const app::Actor& actor, domain::Id id);
// Undoes it in one transaction with its audit entry; throws conflict (with the reason) when it
// was undone already or its counts were changed since, forbidden outside the actor's districts.
NeedsImportEntry undo_needs_import(store::Store& store, const app::Actor& actor, domain::Id id);

}  // namespace sasaeai::io
