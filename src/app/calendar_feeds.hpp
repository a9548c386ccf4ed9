#pragma once
// Secret calendar feed URLs: an account subscribes its phone's calendar to
// /calendar/feed/<secret>.ics and sees what the account may see. Only the SHA-256 of the secret
// is stored (like API tokens); the raw secret is shown once. A feed is revoked by its owner, and
// every feed of an account ends when its password is changed or reset or it is disabled.
//
// calendar-feeds is an internal register: this file writes it with tx.insert/tx.update and its
// own audit entries, after deciding on the real actor; nothing else writes it.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct CalendarFeed {
  domain::Id id = 0;
  std::string name;
};

class CalendarFeeds {
 public:
  explicit CalendarFeeds(store::Store& store) : store_(store) {}
  // Returns the raw secret (43 URL-safe characters), shown once. Signed-in accounts only.
  std::string create(const Actor& actor, const std::string& name);
  // The actor's live feeds.
  std::vector<CalendarFeed> list(const Actor& actor);
  // Throws Error(not_found) for a feed of another account or one already revoked.
  void revoke(const Actor& actor, domain::Id feed_id);
  // The account a live feed belongs to, as an Actor with the account's role today; nullopt for an
  // unknown or revoked secret or a disabled account.
  std::optional<Actor> actor_for(const std::string& secret, const std::string& address);

 private:
  store::Store& store_;
};

// Revokes every live feed of the account inside the caller's write; returns how many.
int revoke_feeds_of(store::WriteTx& tx, domain::Id account_id);

}  // namespace sasaeai::app
