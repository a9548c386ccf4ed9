#pragma once
// Case studies (事例): their photos and what a 事例集 needs. The case study itself is a register
// edited on the generic pages; photos (JPEG, PNG) are kept like a meeting's files: the type from
// the first bytes, the name only shown, the bytes in stored_files under a random key, at most
// kMaxAttachmentBytes; case-study-photos is internal, so its rows are written as the system once
// the actor was allowed and audited as the actor. Deleting a row (or the case study) removes the
// bytes (a trigger in migration 0021).
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/meeting_files.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct Photo {
  Id id = 0;
  std::string caption;
  std::string file_name;
  std::string content_type;
  std::string bytes;  // empty unless asked for
};

// A case study as a 事例集 prints it.
struct CaseForBook {
  domain::Record record;  // as the reader may see it
  std::vector<std::string> steps;  // the 取り組みの流れ, one a line
  std::vector<Photo> photos;       // with their bytes
};

// The lines of a steps text: trimmed, empty ones dropped, a leading 「1.」「・」 taken off.
std::vector<std::string> case_steps(const std::string& text);

class CaseStudies {
 public:
  explicit CaseStudies(store::Store& store) : store_(store) {}

  // Refused (forbidden, not_found) unless the actor may change this case study.
  void require_change(const Actor& actor, Id case_id);
  // Whether the actor may add or remove this case study's photos (for showing the form).
  bool may_change(const Actor& actor, Id case_id);
  Id attach_photo(const Actor& actor, Id case_id, const Upload& upload);
  std::vector<Photo> photos(const Actor& actor, Id case_id, bool with_bytes = false);
  Download photo(const Actor& actor, Id case_id, Id photo_id);
  void remove_photo(const Actor& actor, Id case_id, Id photo_id);

  // The chosen case studies in the order given, with their photos; not_found for an id the
  // reader may not read. Refused when `ids` is empty.
  std::vector<CaseForBook> for_book(const Actor& actor, const std::vector<Id>& ids);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
