#pragma once
// Use cases on action items (会議で決めたこと・宿題) beyond the register pages: the open items
// across meetings, filtered by council, by owner and to those past their due date, and marking
// one done. Overdue: a due date before today on an item neither 完了 nor 取りやめ.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

struct ItemFilter {
  std::optional<Id> council_id;  // the meeting's council, or a council taking part
  bool mine = false;             // owned by the actor's account
  bool overdue_only = false;
  bool include_closed = false;   // 完了 and 取りやめ too
};

struct OpenItem {
  Record item;
  Record meeting;
  bool overdue = false;
  bool may_change = false;
};

struct OpenItems {
  std::vector<OpenItem> items;
  std::size_t open = 0;     // of the items matching the council and owner filters
  std::size_t overdue = 0;
};

// Whether an item is past its due date on `today` (yyyy-mm-dd) and still to be done.
bool is_overdue(const Record& item, const std::string& today);

class ActionItems {
 public:
  explicit ActionItems(store::Store& store) : store_(store) {}

  OpenItems open_items(const Actor& actor, const ItemFilter& filter, const std::string& today);
  // 完了 with today's date; refused unless the actor may change the item's meeting.
  void complete(const Actor& actor, Id item_id, const std::string& today);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
