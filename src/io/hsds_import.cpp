#include "io/hsds_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/access.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/gathering_place.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "io/hsds_vocabulary.hpp"
#include "io/zip_archive.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io::hsds {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

// A package may hold tens of thousands of rows; more than this unpacked is not a city's directory.
constexpr std::size_t kMaxUnpacked = 64u * 1024 * 1024;

// The register's fields a service fills, in the table's column order.
const std::vector<std::string>& columns() {
  static const std::vector<std::string> fields = {
      "name",        "kana",     "category_id", "operator_type", "operator_name",   "district_id", "neighbourhood_id", "postal_code",
      "address",     "latitude", "longitude",   "schedule",      "fee",             "eligibility", "public_contact",   "status",
      "tsudoi_operator", "venue_type", "tsudoi_activities", "private_venue", "last_verified_on", "description"};
  return fields;
}

Error invalid(std::string message) { return Error(ErrorKind::invalid, std::move(message), "file"); }

std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return text::trim(it->get<std::string>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) return fmt::format("{}", it->get<double>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return {};
}

const json& array_of(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

// ---- the tabular package ----

// One CSV file of the package: its rows as objects (header name → cell), with their lines.
struct CsvFile {
  std::string name;
  std::vector<json> rows;
  std::vector<std::size_t> lines;
};

CsvFile read_table(const std::string& name, const std::string& bytes) {
  CsvFile file{name, {}, {}};
  CsvTable table;
  try {
    table = read_csv(bytes);
  } catch (const Error& e) {
    throw invalid(fmt::format("{} の {}", name, e.what()));
  }
  if (table.rows.empty()) return file;
  std::vector<std::string> header;
  for (const auto& h : table.rows.front().cells) header.push_back(text::trim(h));
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    json row = json::object();
    bool blank = true;
    for (std::size_t c = 0; c < header.size() && c < table.rows[i].cells.size(); ++c) {
      const auto cell = text::trim(table.rows[i].cells[c]);
      if (cell.empty() || header[c].empty()) continue;
      row[header[c]] = cell;
      blank = false;
    }
    if (blank) continue;
    file.rows.push_back(std::move(row));
    file.lines.push_back(table.rows[i].line);
  }
  return file;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Rows by their id, and by the id in one of their columns.
struct Index {
  const CsvFile* file = nullptr;
  std::map<std::string, std::size_t> by_id;

  explicit Index(const CsvFile& f) : file(&f) {
    for (std::size_t i = 0; i < f.rows.size(); ++i) {
      const auto id = text_of(f.rows[i], "id");
      if (id.empty()) throw invalid(fmt::format("{} の {}行目（id）: id がありません", f.name, f.lines[i]));
      if (!by_id.emplace(id, i).second) throw invalid(fmt::format("{} の {}行目（id）: 同じ id「{}」が {}行目にもあります", f.name, f.lines[i], id, f.lines[by_id[id]]));
    }
  }
  const json* find(const std::string& id) const {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &file->rows[it->second];
  }
  std::vector<const json*> where(const char* column, const std::string& id) const {
    std::vector<const json*> out;
    if (id.empty()) return out;
    for (const auto& row : file->rows) {
      if (text_of(row, column) == id) out.push_back(&row);
    }
    return out;
  }
};

// The package's files as full services (the shape export.json has), with where each came from.
std::vector<std::pair<json, std::string>> services_of_package(const std::vector<ZipEntry>& entries, std::map<std::size_t, std::string>& lines,
                                                              std::vector<std::size_t>& service_lines) {
  std::map<std::string, CsvFile> files;
  for (const auto& e : entries) {
    const auto name = base_name(e.name);
    if (name.size() > 4 && name.ends_with(".csv")) files.emplace(name, read_table(name, e.bytes));
  }
  if (!files.contains("services.csv")) throw invalid("データパッケージに services.csv がありません（HSDS のデータパッケージの ZIP を選んでください）");
  auto file = [&](std::initializer_list<const char*> names) -> const CsvFile& {
    static const CsvFile none;
    for (const auto* n : names) {
      if (auto it = files.find(n); it != files.end()) return it->second;
    }
    return none;
  };
  const auto& services_file = file({"services.csv"});
  const Index services(services_file);
  const Index organizations(file({"organizations.csv"}));
  const Index sals(file({"service_at_location.csv", "service_at_locations.csv"}));
  const Index locations(file({"locations.csv"}));
  const Index addresses(file({"addresses.csv"}));
  const Index phones(file({"phones.csv"}));
  const Index schedules(file({"schedules.csv"}));
  const Index attributes(file({"attributes.csv"}));
  const Index terms(file({"taxonomy_terms.csv"}));
  const Index taxonomies(file({"taxonomies.csv"}));

  auto line_of = [](const Index& index, const json* row) {
    return index.file->lines[static_cast<std::size_t>(row - index.file->rows.data())];
  };
  auto attributes_of = [&](const std::string& link_id) {
    json out = json::array();
    for (const auto* a : attributes.where("link_id", link_id)) {
      json attribute = *a;
      const auto term_id = text_of(*a, "taxonomy_term_id");
      if (!term_id.empty()) {
        const auto* term = terms.find(term_id);
        if (!term) {
          throw invalid(fmt::format("attributes.csv の {}行目（taxonomy_term_id）: taxonomy_terms.csv に id「{}」がありません", line_of(attributes, a), term_id));
        }
        json full_term = *term;
        if (const auto* taxonomy = taxonomies.find(text_of(*term, "taxonomy_id"))) full_term["taxonomy_detail"] = *taxonomy;
        attribute["taxonomy_term"] = std::move(full_term);
      }
      out.push_back(std::move(attribute));
    }
    return out;
  };
  auto rows = [](const std::vector<const json*>& found) {
    json out = json::array();
    for (const auto* r : found) out.push_back(*r);
    return out;
  };

  std::vector<std::pair<json, std::string>> out;
  for (std::size_t i = 0; i < services_file.rows.size(); ++i) {
    const auto line = services_file.lines[i];
    const auto origin = fmt::format("services.csv の {}行目", line);
    json service = services_file.rows[i];
    const auto id = text_of(service, "id");
    if (const auto org_id = text_of(service, "organization_id"); !org_id.empty()) {
      const auto* org = organizations.find(org_id);
      if (!org) throw invalid(fmt::format("{}（organization_id）: organizations.csv に id「{}」がありません", origin, org_id));
      json organization = *org;
      organization["attributes"] = attributes_of(org_id);
      service["organization"] = std::move(organization);
    }
    service["phones"] = rows(phones.where("service_id", id));
    service["schedules"] = rows(schedules.where("service_id", id));
    json at_locations = json::array();
    for (const auto* s : sals.where("service_id", id)) {
      json sal = *s;
      const auto location_id = text_of(*s, "location_id");
      const auto* location = locations.find(location_id);
      if (!location) {
        throw invalid(fmt::format("{} の {}行目（location_id）: locations.csv に id「{}」がありません", sals.file->name, line_of(sals, s), location_id));
      }
      json place = *location;
      place["addresses"] = rows(addresses.where("location_id", location_id));
      place["phones"] = rows(phones.where("location_id", location_id));
      place["schedules"] = rows(schedules.where("location_id", location_id));
      place["attributes"] = attributes_of(location_id);
      sal["location"] = std::move(place);
      sal["phones"] = rows(phones.where("service_at_location_id", text_of(*s, "id")));
      sal["schedules"] = rows(schedules.where("service_at_location_id", text_of(*s, "id")));
      at_locations.push_back(std::move(sal));
    }
    service["service_at_locations"] = std::move(at_locations);
    service["attributes"] = attributes_of(id);
    out.emplace_back(std::move(service), origin);
    lines[line] = origin;
    service_lines.push_back(line);
  }
  return out;
}

// ---- one service → one row ----

struct Term {
  std::string taxonomy;  // the taxonomy's name
  std::string code;
  std::string name;
  bool child = false;  // has a parent term
  std::string value;   // the attribute's value
};

std::vector<Term> terms_of(const json& attributes) {
  std::vector<Term> out;
  for (const auto& a : attributes) {
    const auto& term = a.is_object() && a.contains("taxonomy_term") ? a["taxonomy_term"] : json();
    if (!term.is_object()) continue;
    auto taxonomy = term.contains("taxonomy_detail") ? text_of(term["taxonomy_detail"], "name") : std::string();
    if (taxonomy.empty()) taxonomy = text_of(term, "taxonomy");
    out.push_back({taxonomy, text_of(term, "code"), text_of(term, "name"), !text_of(term, "parent_id").empty(), text_of(a, "value")});
  }
  return out;
}

// HSDS schedules → the register's schedule text: their common description when it reads as the
// same schedule the iCal rules give (it keeps the way it was written), else the rules written in
// the register's grammar, else the description as it is (the register then says what is wrong).
std::string schedule_text(const std::vector<const json*>& schedules, const std::string& origin) {
  std::set<std::string> descriptions;
  domain::Schedule from_rules;
  bool all_rules = !schedules.empty();
  for (const auto* s : schedules) {
    if (const auto d = text_of(*s, "description"); !d.empty()) descriptions.insert(d);
    const auto freq = text_of(*s, "freq");
    if (freq.empty()) {
      all_rules = false;
      continue;
    }
    if (const auto interval = text_of(*s, "interval"); !interval.empty() && interval != "1") {
      throw invalid(fmt::format("{}（schedules の interval）: {} ごとの繰り返しは開催日時の書き方で書けません（1 だけ）", origin, interval));
    }
    std::string error;
    const auto rule = rule_of({freq, text_of(*s, "byday"), text_of(*s, "opens_at"), text_of(*s, "closes_at")}, error);
    if (!rule) throw invalid(fmt::format("{}（schedules）: {}", origin, error));
    from_rules.rules.push_back(*rule);
  }
  const std::string description = descriptions.size() == 1 ? *descriptions.begin() : std::string();
  if (!description.empty()) {
    const auto parsed = domain::parse_schedule(description);
    if (!all_rules || (parsed.schedule && domain::format_schedule(*parsed.schedule) == domain::format_schedule(from_rules))) return description;
  }
  if (all_rules) return domain::format_schedule(from_rules);
  std::string joined;
  for (const auto& d : descriptions) joined += (joined.empty() ? "" : "、") + d;
  return joined;
}

std::map<std::string, std::string> row_of(const json& service, const std::string& origin) {
  if (!service.is_object()) throw invalid(fmt::format("{}: サービス（JSON のオブジェクト）ではありません", origin));
  std::map<std::string, std::string> row;
  row["name"] = text_of(service, "name");
  row["description"] = text_of(service, "description");
  row["fee"] = text_of(service, "fees_description").empty() ? text_of(service, "fees") : text_of(service, "fees_description");
  row["eligibility"] = text_of(service, "eligibility_description");
  if (const auto assured = text_of(service, "assured_date"); !assured.empty()) row["last_verified_on"] = assured.substr(0, std::min<std::size_t>(10, assured.size()));
  const auto status = text_of(service, "status");
  if (status.empty()) throw invalid(fmt::format("{}（status）: status がありません（active・inactive・temporarily closed・defunct）", origin));
  const auto word = status_from_hsds(status);
  if (!word) throw invalid(fmt::format("{}（status）: 「{}」は active・inactive・temporarily closed・defunct のどれかにしてください", origin, status));
  row["status"] = std::string(*word);

  // The place: the first location the service is given at.
  const json* location = nullptr;
  const json* at_location = nullptr;
  for (const auto& sal : array_of(service, "service_at_locations")) {
    if (sal.is_object() && sal.contains("location") && sal["location"].is_object()) {
      at_location = &sal;
      location = &sal["location"];
      break;
    }
  }
  auto terms = terms_of(array_of(service, "attributes"));
  if (location) {
    const auto place_terms = terms_of(array_of(*location, "attributes"));
    terms.insert(terms.end(), place_terms.begin(), place_terms.end());
  }

  const domain::RegisterSpec& spec = domain::register_spec(reg::resources);
  bool approximate = false;
  std::vector<std::string> activities;
  for (const auto& t : terms) {
    if (t.taxonomy == category_taxonomy) {
      if (row["category_id"].empty()) row["category_id"] = t.name;
    } else if (t.taxonomy == fields_taxonomy) {
      if (t.code == term_kana) row["kana"] = t.value;
      else if (t.code == term_operator_type) row["operator_type"] = t.value;
      else if (t.code == term_district) row["district_id"] = t.value;
      else if (t.code == term_neighbourhood) row["neighbourhood_id"] = t.value;
      else if (t.code == term_public_contact) row["public_contact"] = t.value;
      else if (t.code == term_approximate) approximate = true;
    } else if (t.taxonomy == gathering_taxonomy && t.child) {
      for (const auto& group : gathering_groups()) {
        if (group.field != t.code || !group.imported) continue;
        if (group.field == "tsudoi_activities") activities.push_back(t.name);
        else row[std::string(group.field)] = t.name;
      }
    }
  }
  std::string joined;
  for (const auto& a : activities) joined += (joined.empty() ? "" : "、") + a;
  row["tsudoi_activities"] = joined;

  if (service.contains("organization") && service["organization"].is_object()) {
    const auto& org = service["organization"];
    bool directory = false;
    for (const auto& t : terms_of(array_of(org, "attributes"))) directory = directory || (t.taxonomy == fields_taxonomy && t.code == term_directory);
    if (!directory) row["operator_name"] = text_of(org, "name");
    // The legal status stands for the kind of operator when it is one of the register's words.
    if (const auto legal = text_of(org, "legal_status"); row["operator_type"].empty() && !legal.empty()) {
      for (const auto& c : spec.field("operator_type")->choices) {
        if (c.value == legal) row["operator_type"] = legal;
      }
    }
  }

  std::vector<const json*> schedules, phones;
  auto collect = [](std::vector<const json*>& into, const json& object, const char* key) {
    for (const auto& item : array_of(object, key)) {
      if (item.is_object()) into.push_back(&item);
    }
  };
  collect(schedules, service, "schedules");
  collect(phones, service, "phones");
  if (at_location) {
    collect(schedules, *at_location, "schedules");
    collect(phones, *at_location, "phones");
  }
  if (location) {
    collect(schedules, *location, "schedules");
    collect(phones, *location, "phones");
    if (approximate) {
      // A private venue was published at its area's point: the point is not the venue's.
      row["private_venue"] = "はい";
    } else {
      row["latitude"] = text_of(*location, "latitude");
      row["longitude"] = text_of(*location, "longitude");
      for (const auto& a : array_of(*location, "addresses")) {
        if (!a.is_object()) continue;
        auto address = text_of(a, "address_1");
        if (const auto second = text_of(a, "address_2"); !second.empty()) address += (address.empty() ? "" : " ") + second;
        row["address"] = address;
        row["postal_code"] = text_of(a, "postal_code");
        break;
      }
    }
  }
  row["schedule"] = schedule_text(schedules, origin);
  if (row["public_contact"].empty()) {
    std::string numbers;
    for (const auto* p : phones) {
      if (const auto n = text_of(*p, "number"); !n.empty() && numbers.find(n) == std::string::npos) numbers += (numbers.empty() ? "" : " ") + n;
    }
    row["public_contact"] = numbers;
  }
  return row;
}

}  // namespace

ResourceTable resource_table(std::string_view upload) {
  if (upload.empty()) throw invalid("HSDS のデータパッケージ（ZIP）か JSON のファイルを選んでください");
  ResourceTable out;
  std::vector<std::pair<json, std::string>> services;
  std::vector<std::size_t> lines;
  if (looks_like_zip(upload)) {
    out.source = "HSDS データパッケージ（ZIP）";
    services = services_of_package(read_zip(upload, kMaxUnpacked), out.origins, lines);
  } else {
    out.source = "HSDS の JSON";
    const auto decoded = decode_text(upload);
    const auto parsed = json::parse(decoded.text, nullptr, false);
    if (parsed.is_discarded()) throw invalid("JSON として読めません（HSDS のデータパッケージの ZIP か、サービスの配列の JSON を選んでください）");
    // An array of services (export.json), a Page of them, or one service.
    const json* list = &parsed;
    json single = json::array();
    if (parsed.is_object() && parsed.contains("contents") && parsed["contents"].is_array()) {
      list = &parsed["contents"];
    } else if (parsed.is_object()) {
      single.push_back(parsed);
      list = &single;
    }
    if (!list->is_array()) throw invalid("JSON はサービスの配列にしてください（/api/hsds/export.json の形）");
    std::size_t n = 0;
    for (const auto& s : *list) {
      ++n;
      const auto name = text_of(s, "name");
      auto origin = name.empty() ? fmt::format("{}件目のサービス", n) : fmt::format("{}件目のサービス「{}」", n, name);
      out.origins[n] = origin;
      lines.push_back(n);
      services.emplace_back(s, std::move(origin));
    }
  }
  if (services.empty()) throw invalid(fmt::format("{}にサービスがありません", out.source));

  const auto& spec = domain::register_spec(reg::resources);
  CsvRow header{0, {}};
  for (const auto& field : columns()) header.cells.push_back(spec.field(field)->label);
  out.table.encoding = out.source;
  out.table.row_unit = looks_like_zip(upload) ? "行目" : "件目";
  out.table.rows.push_back(std::move(header));
  json all = json::array();
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto row = row_of(services[i].first, services[i].second);
    CsvRow cells{lines[i], {}};
    for (const auto& field : columns()) cells.cells.push_back(row.contains(field) ? row.at(field) : std::string());
    out.table.rows.push_back(std::move(cells));
    all.push_back(services[i].first);
  }
  out.services_json = all.dump();
  return out;
}

std::string with_origin(const ResourceTable& converted, std::string message) {
  // "12行目 5列目（分類）: …" → "services.csv の 12行目（分類）: …", "3件目（分類）: …" → "3件目のサービス「…」（分類）: …":
  // the whole number that starts the message (12 is not 1), and no column (it is the converted
  // table's, not the file's).
  const auto& unit = converted.table.row_unit;
  std::size_t digits = 0;
  while (digits < message.size() && message[digits] >= '0' && message[digits] <= '9') ++digits;
  if (digits == 0 || message.compare(digits, unit.size(), unit) != 0) return message;
  const auto it = converted.origins.find(static_cast<std::size_t>(std::stoull(message.substr(0, digits))));
  if (it == converted.origins.end()) return message;
  auto rest = message.substr(digits + unit.size());
  if (rest.starts_with(" ")) {
    std::size_t at = 1;
    while (at < rest.size() && rest[at] >= '0' && rest[at] <= '9') ++at;
    if (at > 1 && rest.compare(at, std::string_view("列目").size(), "列目") == 0) rest.erase(0, at + std::string_view("列目").size());
  }
  return it->second + rest;
}

namespace {

// A private venue is published without its address, but the register finds the record a row
// updates by 名称, 地区 and 所在地. A row of such a venue (場所を公開しない, no 所在地) takes the
// address of the one stored private venue of the same name in the same district — read as the
// importer may see it — so that importing a package again updates the venue (and keeps its
// address) instead of adding it twice.
void fill_withheld_addresses(store::Store& store, const app::Actor& actor, CsvTable& table) {
  const auto& spec = domain::register_spec(reg::resources);
  const auto& header = table.rows.front().cells;
  auto column = [&](const char* field) {
    const auto at = std::find(header.begin(), header.end(), spec.field(field)->label);
    return static_cast<std::size_t>(at - header.begin());
  };
  const auto name = column("name"), district = column("district_id"), address = column("address"), private_venue = column("private_venue");
  bool any = false;
  for (std::size_t i = 1; i < table.rows.size(); ++i) any = any || (table.rows[i].cells[private_venue] == "はい" && table.rows[i].cells[address].empty());
  if (!any) return;
  app::ListRequest all;
  all.per_page = 0;
  std::map<std::string, std::vector<std::string>> stored;  // name and district → addresses of private venues
  for (const auto& r : app::Registry(store).list(actor, spec, all).rows) {
    if (!domain::gathering::is_private_venue(r) || r.text("address").empty()) continue;
    stored[text::search_key(r.text("name")) + '\x1f' + text::search_key(r.ref_title("district_id"))].push_back(r.text("address"));
  }
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    auto& cells = table.rows[i].cells;
    if (cells[private_venue] != "はい" || !cells[address].empty()) continue;
    const auto found = stored.find(text::search_key(cells[name]) + '\x1f' + text::search_key(cells[district]));
    if (found != stored.end() && found->second.size() == 1) cells[address] = found->second.front();
  }
}

}  // namespace

HsdsImport import_hsds(store::Store& store, const app::Actor& actor, std::string_view upload, bool dry_run) {
  const auto& spec = domain::register_spec(reg::resources);
  app::require_register_import(actor, spec);  // before the upload is read
  auto converted = resource_table(upload);
  fill_withheld_addresses(store, actor, converted.table);
  HsdsImport out;
  try {
    out.result = import_register_table(store, actor, *register_csv_format(reg::resources), converted.table, dry_run);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid) throw;
    throw Error(ErrorKind::invalid, with_origin(converted, e.what()), "file");
  }
  out.source = std::move(converted.source);
  out.unit = converted.table.row_unit;
  out.services_json = std::move(converted.services_json);
  return out;
}

}  // namespace sasaeai::io::hsds
