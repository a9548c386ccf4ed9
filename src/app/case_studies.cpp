#include "app/case_studies.hpp"

#include <fmt/format.h>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "auth/credentials.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "domain/stored_text.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }
const char* kChange = "事例の写真の変更";
constexpr std::size_t kMaxPhotos = 12;

void check_change(store::ReadTx& tx, const Actor& actor, const domain::Record& record) {
  const auto& cases = spec_of(reg::case_studies);
  require(actor, may_change_register(actor, cases) && can_change(actor, cases, district_of(tx, cases, record)), kChange);
}

std::vector<domain::Record> photo_rows(Disclosure& reader, Id case_id) {
  return reader.all(spec_of(reg::case_study_photos), {{"case_study_id", domain::Value(case_id)}});
}

Photo photo_of(const domain::Record& r) { return {r.id, r.text("caption"), r.text("file_name"), r.text("content_type"), {}}; }

// Takes off a numbering the writer typed (「1.」「1)」「①」「・」「-」) before the printed numbers.
std::string without_marker(std::string line) {
  for (const std::string_view bullet : {"・", "- ", "-", "* "}) {
    if (line.starts_with(bullet)) return text::trim(line.substr(bullet.size()));
  }
  std::size_t i = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i > 0 && i < line.size() && (line[i] == '.' || line[i] == ')')) return text::trim(line.substr(i + 1));
  // ① … ⑳ are U+2460 … U+2473: E2 91 A0 … E2 91 B3.
  if (line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xE2 && static_cast<unsigned char>(line[1]) == 0x91) return text::trim(line.substr(3));
  return line;
}

}  // namespace

std::vector<std::string> case_steps(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto line = without_marker(text::trim(text.substr(start, end - start)));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

void CaseStudies::require_change(const Actor& actor, Id case_id) {
  const auto& cases = spec_of(reg::case_studies);
  require(actor, may_change_register(actor, cases), kChange);
  std::optional<domain::Record> record;
  store_.read([&](store::ReadTx& tx) {
    record = Disclosure(tx, actor).get(cases, case_id);
    if (record) check_change(tx, actor, *record);
  });
  require_found(record, cases, case_id);
}

bool CaseStudies::may_change(const Actor& actor, Id case_id) {
  const auto& cases = spec_of(reg::case_studies);
  if (!may_change_register(actor, cases)) return false;
  bool allowed = false;
  store_.read([&](store::ReadTx& tx) {
    if (const auto record = Disclosure(tx, actor).get(cases, case_id)) allowed = can_change(actor, cases, district_of(tx, cases, *record));
  });
  return allowed;
}

Id CaseStudies::attach_photo(const Actor& actor, Id case_id, const Upload& upload) {
  const auto& cases = spec_of(reg::case_studies);
  const auto& photos = spec_of(reg::case_study_photos);
  // Decided before the file is looked at.
  require_change(actor, case_id);
  const auto checked = check_upload(upload, {"image/jpeg", "image/png"}, "写真は JPEG・PNG のファイルだけを添付できます");
  const auto& type = checked.content_type;
  const auto& name = checked.name;
  const auto key = "case-study-photo/" + auth::random_token();
  Id id = 0;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto record = reader.get(cases, case_id);
    require_found(record, cases, case_id);
    check_change(tx, actor, *record);
    if (photo_rows(reader, case_id).size() >= kMaxPhotos) {
      throw Error(ErrorKind::invalid, fmt::format("写真は一つの事例に {} 枚までです", kMaxPhotos), "file");
    }
    tx.put_stored_file(key, upload.bytes, fmt::format("事例 {} の写真", case_id));
    domain::Input row = {{"case_study_id", std::to_string(case_id)},
                         {"file_name", name},
                         {"content_type", type},
                         {"size_bytes", std::to_string(upload.bytes.size())},
                         {"sha256", auth::sha256_hex(upload.bytes)},
                         {"file_key", key},
                         {"caption", text::trim(upload.caption)}};
    // The register is internal: written as the system once the actor was allowed, audited as the actor.
    id = Registry::create_in(tx, Actor::system_actor("case-study-photos"), photos, row, false);
    audit(tx, actor, "create", photos.name, id, name);
  });
  return id;
}

std::vector<Photo> CaseStudies::photos(const Actor& actor, Id case_id, bool with_bytes) {
  const auto& cases = spec_of(reg::case_studies);
  require(actor, can_read(actor, cases), "事例の閲覧");
  std::vector<Photo> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    require_found(reader.get(cases, case_id), cases, case_id);
    for (const auto& r : photo_rows(reader, case_id)) {
      auto p = photo_of(r);
      if (with_bytes) {
        if (auto stored = tx.stored_file(r.text("file_key"))) p.bytes = std::move(stored->bytes);
      }
      out.push_back(std::move(p));
    }
  });
  return out;
}

Download CaseStudies::photo(const Actor& actor, Id case_id, Id photo_id) {
  const auto& cases = spec_of(reg::case_studies);
  const auto& photos = spec_of(reg::case_study_photos);
  require(actor, can_read(actor, cases), "事例の閲覧");
  std::optional<domain::Record> record, file;
  std::optional<store::FileReads::StoredFile> stored;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    record = reader.get(cases, case_id);
    file = reader.get(photos, photo_id);
    if (record && file && file->integer("case_study_id") == case_id) stored = tx.stored_file(file->text("file_key"));
  });
  if (!stored) throw Error(ErrorKind::not_found, "写真が見つかりません");
  const auto type = file->text("content_type");
  return {file->text("file_name"), type, type == "image/jpeg" ? "jpg" : "png", std::move(stored->bytes)};
}

void CaseStudies::remove_photo(const Actor& actor, Id case_id, Id photo_id) {
  const auto& cases = spec_of(reg::case_studies);
  const auto& photos = spec_of(reg::case_study_photos);
  require_change(actor, case_id);
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto record = reader.get(cases, case_id);
    require_found(record, cases, case_id);
    check_change(tx, actor, *record);
    const auto file = reader.get(photos, photo_id);
    if (!file || file->integer("case_study_id") != case_id) throw Error(ErrorKind::not_found, "写真が見つかりません");
    tx.remove(photos, photo_id);  // the trigger removes the bytes
    audit(tx, actor, "delete", photos.name, photo_id, file->text("file_name"), domain::values_text(photos, *file), {});
  });
}

std::vector<CaseForBook> CaseStudies::for_book(const Actor& actor, const std::vector<Id>& ids) {
  const auto& cases = spec_of(reg::case_studies);
  require(actor, can_read(actor, cases), "事例の閲覧");
  if (ids.empty()) throw Error(ErrorKind::invalid, "事例集に載せる事例を一つ以上選んでください", "id");
  std::vector<CaseForBook> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    for (const auto id : ids) {
      auto record = reader.get(cases, id);
      require_found(record, cases, id);
      CaseForBook c;
      c.steps = case_steps(record->text("steps"));
      for (const auto& r : photo_rows(reader, id)) {
        auto p = photo_of(r);
        if (auto stored = tx.stored_file(r.text("file_key"))) p.bytes = std::move(stored->bytes);
        c.photos.push_back(std::move(p));
      }
      c.record = std::move(*record);
      out.push_back(std::move(c));
    }
  });
  return out;
}

}  // namespace sasaeai::app
