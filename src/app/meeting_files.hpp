#pragma once
// Files kept with a meeting (資料: PDF, JPEG, PNG). The type is decided by the file's first bytes,
// never by its name or the type the browser declared; the name is only shown, never used as a
// path: the bytes are kept in stored_files under a random key. meeting-attachments is an internal
// register: these use cases decide who may, then write the row as the system and audit it as the
// actor who uploaded. Deleting a row removes its bytes (a trigger in the migration), so does
// deleting the meeting.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;

inline constexpr std::size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

struct Upload {
  std::string name;   // as the browser sent it
  std::string bytes;
  std::string caption;
  bool is_public = false;
};

struct Download {
  std::string file_name;
  std::string content_type;
  std::string extension;  // pdf, jpg, png
  std::string bytes;
};

// "application/pdf", "image/jpeg" or "image/png" from the first bytes; empty for anything else.
std::string sniff_type(std::string_view bytes);
// The name to show: after the last / or \, NFKC, without control characters, dots and spaces
// trimmed at the ends, at most 120 characters. Throws Error(invalid) when nothing is left.
std::string display_name(std::string_view sent);

// What an upload is once checked: its type (from the first bytes) and the name to show.
struct CheckedUpload {
  std::string content_type;
  std::string name;
};
// Checks a file kept with a record (a meeting's 資料, a case study's photo): not empty, at most
// kMaxAttachmentBytes, a type among `allowed` by its first bytes (else Error(unsupported_media_type,
// `refusal`)), and a name whose extension, if any, fits that type.
CheckedUpload check_upload(const Upload& upload, std::initializer_list<std::string_view> allowed, const char* refusal);

class MeetingFiles {
 public:
  explicit MeetingFiles(store::Store& store) : store_(store) {}

  Id attach(const Actor& actor, Id meeting_id, const Upload& upload);
  Download download(const Actor& actor, Id meeting_id, Id attachment_id);
  void remove(const Actor& actor, Id meeting_id, Id attachment_id);
  // Refused (forbidden, not_found) unless the actor may change this meeting's files.
  void require_change(const Actor& actor, Id meeting_id);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
