#include "app/meeting_files.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "auth/credentials.hpp"
#include "domain/meeting_record.hpp"
#include "domain/registers.hpp"
#include "domain/stored_text.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }
const char* kChange = "会議の資料の変更";

std::string extension_for(std::string_view type) {
  if (type == "application/pdf") return "pdf";
  if (type == "image/jpeg") return "jpg";
  return "png";
}

// The extension a name declares, lower-cased ASCII; empty when it has none.
std::string declared_extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return {};
  std::string ext = name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool extension_fits(const std::string& ext, std::string_view type) {
  if (ext.empty()) return true;
  if (type == "application/pdf") return ext == "pdf";
  if (type == "image/jpeg") return ext == "jpg" || ext == "jpeg";
  return ext == "png";
}

// Cuts a UTF-8 text to at most `max` code points.
std::string cut(const std::string& s, std::size_t max) {
  std::size_t count = 0, i = 0;
  while (i < s.size() && count < max) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++count;
  }
  return s.substr(0, std::min(i, s.size()));
}

void check_change(store::ReadTx& tx, const Actor& actor, const domain::Record& meeting) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, may_change_register(actor, meetings) && can_change(actor, meetings, district_of(tx, meetings, meeting)), kChange);
}

}  // namespace

std::string sniff_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return {};
}

std::string display_name(std::string_view sent) {
  std::string name(sent);
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (!text::is_valid_utf8(name)) throw Error(ErrorKind::invalid, "ファイル名の文字が読めません", "file");
  name = text::nfkc(name);
  // NFKC may turn fullwidth slashes into path separators: cut again.
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  std::string clean;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    clean += c;
  }
  const auto first = clean.find_first_not_of(". ");
  const auto last = clean.find_last_not_of(". ");
  clean = first == std::string::npos ? std::string() : clean.substr(first, last - first + 1);
  if (clean.empty()) throw Error(ErrorKind::invalid, "ファイル名がありません。名前のあるファイルを選んでください", "file");
  return cut(clean, 120);
}

CheckedUpload check_upload(const Upload& upload, std::initializer_list<std::string_view> allowed, const char* refusal) {
  if (upload.bytes.empty()) throw Error(ErrorKind::invalid, "ファイルを選んでください", "file");
  if (upload.bytes.size() > kMaxAttachmentBytes) throw Error(ErrorKind::payload_too_large, "ファイルが大きすぎます（5 MB まで）", "file");
  const auto type = sniff_type(upload.bytes);
  if (type.empty() || std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
    throw Error(ErrorKind::unsupported_media_type, refusal, "file");
  }
  auto name = display_name(upload.name);
  if (!extension_fits(declared_extension(name), type)) {
    throw Error(ErrorKind::unsupported_media_type, "ファイル名の拡張子が中身の種類と合いません", "file");
  }
  return {type, std::move(name)};
}

void MeetingFiles::require_change(const Actor& actor, Id meeting_id) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, may_change_register(actor, meetings), kChange);
  std::optional<domain::Record> meeting;
  store_.read([&](store::ReadTx& tx) {
    meeting = Disclosure(tx, actor).get(meetings, meeting_id);
    if (meeting) check_change(tx, actor, *meeting);
  });
  require_found(meeting, meetings, meeting_id);
}

Id MeetingFiles::attach(const Actor& actor, Id meeting_id, const Upload& upload) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& files = spec_of(reg::meeting_attachments);
  // Decided before the file is looked at.
  require_change(actor, meeting_id);
  const auto checked = check_upload(upload, {"application/pdf", "image/jpeg", "image/png"}, "PDF・JPEG・PNG のファイルだけを添付できます");
  const auto& type = checked.content_type;
  const auto& name = checked.name;
  const auto key = "meeting-attachment/" + auth::random_token();
  Id id = 0;
  store_.write([&](store::WriteTx& tx) {
    const auto meeting = Disclosure(tx, actor).get(meetings, meeting_id);
    require_found(meeting, meetings, meeting_id);
    check_change(tx, actor, *meeting);
    tx.put_stored_file(key, upload.bytes, fmt::format("会議 {} の資料", meeting_id));
    domain::Input row = {{"meeting_id", std::to_string(meeting_id)},
                         {"file_name", name},
                         {"content_type", type},
                         {"size_bytes", std::to_string(upload.bytes.size())},
                         {"sha256", auth::sha256_hex(upload.bytes)},
                         {"file_key", key},
                         {"public", upload.is_public ? "はい" : "いいえ"},
                         {"caption", upload.caption}};
    // The register is internal: written as the system once the actor was allowed, audited as the actor.
    id = Registry::create_in(tx, Actor::system_actor("meeting-files"), files, row, false);
    audit(tx, actor, "create", files.name, id, name);
  });
  return id;
}

Download MeetingFiles::download(const Actor& actor, Id meeting_id, Id attachment_id) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& files = spec_of(reg::meeting_attachments);
  std::optional<domain::Record> meeting, file;
  std::optional<store::FileReads::StoredFile> stored;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    meeting = reader.get(meetings, meeting_id);
    file = reader.get(files, attachment_id);
  });
  if (!meeting || !file || file->integer("meeting_id") != meeting_id) throw Error(ErrorKind::not_found, "資料が見つかりません");
  const bool is_public = meeting->text("visibility") == "公開" && file->text("public") == "はい";
  require(actor, can_read_event(actor, is_public), "会議の資料の閲覧");
  store_.read([&](store::ReadTx& tx) { stored = tx.stored_file(file->text("file_key")); });
  if (!stored) throw Error(ErrorKind::not_found, "資料が見つかりません");
  const auto type = file->text("content_type");
  return {file->text("file_name"), type, extension_for(type), std::move(stored->bytes)};
}

void MeetingFiles::remove(const Actor& actor, Id meeting_id, Id attachment_id) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& files = spec_of(reg::meeting_attachments);
  require_change(actor, meeting_id);
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto meeting = reader.get(meetings, meeting_id);
    require_found(meeting, meetings, meeting_id);
    check_change(tx, actor, *meeting);
    const auto file = reader.get(files, attachment_id);
    if (!file || file->integer("meeting_id") != meeting_id) throw Error(ErrorKind::not_found, "資料が見つかりません");
    tx.remove(files, attachment_id);  // the trigger removes the bytes
    audit(tx, actor, "delete", files.name, attachment_id, file->text("file_name"), domain::values_text(files, *file), {});
  });
}

}  // namespace sasaeai::app
