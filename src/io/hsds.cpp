#include "io/hsds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/private_venues.hpp"
#include "app/registry.hpp"
#include "core/assets.hpp"
#include "core/error.hpp"
#include "domain/gathering_place.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "io/csv_table.hpp"
#include "io/hsds_ids.hpp"
#include "io/hsds_vocabulary.hpp"
#include "io/zip_archive.hpp"

namespace sasaeai::io::hsds {

using nlohmann::json;
namespace reg = domain::reg;
namespace venues = app::private_venues;

namespace {

struct CollectionName {
  Collection collection;
  std::string_view path;   // /api/hsds/<path>
  std::string_view table;  // the HSDS table (datapackage resource name)
};

constexpr CollectionName kCollections[] = {
    {Collection::services, "services", "service"},
    {Collection::organizations, "organizations", "organization"},
    {Collection::locations, "locations", "location"},
    {Collection::service_at_locations, "service_at_locations", "service_at_location"},
    {Collection::schedules, "schedules", "schedule"},
    {Collection::phones, "phones", "phone"},
    {Collection::addresses, "addresses", "address"},
    {Collection::taxonomies, "taxonomies", "taxonomy"},
    {Collection::taxonomy_terms, "taxonomy_terms", "taxonomy_term"},
    {Collection::attributes, "attributes", "attribute"},
};

const CollectionName& named(Collection c) {
  for (const auto& n : kCollections) {
    if (n.collection == c) return n;
  }
  throw std::logic_error("unknown HSDS collection");
}

// HSDS 3.0's own Frictionless descriptor (data/hsds/datapackage.json, embedded): the columns of
// each CSV file and their types, copied into the package we write.
const json& hsds_descriptor() {
  static const json descriptor = [] {
    const auto text = assets::find("data/hsds/datapackage.json");
    if (!text) throw std::runtime_error("data/hsds/datapackage.json is not embedded");
    return json::parse(*text);
  }();
  return descriptor;
}

const json& table_descriptor(std::string_view table) {
  for (const auto& r : hsds_descriptor()["resources"]) {
    if (r.value("name", "") == table) return r;
  }
  throw std::logic_error("HSDS table not in the descriptor: " + std::string(table));
}

// Rows of one HSDS table in publishing order, found by id.
struct Table {
  std::vector<json> rows;
  std::map<std::string, std::size_t, std::less<>> by_id;
  void add(json row) {
    by_id.emplace(row["id"].get<std::string>(), rows.size());
    rows.push_back(std::move(row));
  }
  const json* find(std::string_view id) const {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &rows[it->second];
  }
};

// Ids of rows of one table grouped by the id they point at (service_id, link_id …).
using Links = std::map<std::string, std::vector<std::string>, std::less<>>;

const std::vector<std::string>& linked(const Links& links, std::string_view id) {
  static const std::vector<std::string> none;
  const auto it = links.find(id);
  return it == links.end() ? none : it->second;
}

void set_text(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

// 3700884 → 370-0884, as the code is written in Japan; anything else as it is.
std::string postal_code(const std::string& stored) {
  if (stored.size() != 7 || !std::all_of(stored.begin(), stored.end(), [](char c) { return c >= '0' && c <= '9'; })) return stored;
  return stored.substr(0, 3) + "-" + stored.substr(3);
}

std::string cell_text(const json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) return fmt::format("{}", value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

}  // namespace

std::optional<Collection> collection_named(std::string_view path) {
  for (const auto& n : kCollections) {
    if (n.path == path) return n.collection;
  }
  return std::nullopt;
}

std::string_view path_name(Collection collection) { return named(collection).path; }

const std::vector<std::string>& package_files() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> out;
    for (const auto& n : kCollections) out.push_back(table_descriptor(n.table)["path"].get<std::string>());
    return out;
  }();
  return files;
}

struct Directory::Data {
  std::string municipality;
  std::string prefecture;
  std::string code;
  Table services, organizations, locations, service_at_locations, schedules, phones, addresses, taxonomies, taxonomy_terms, attributes;
  Links phones_of, schedules_of, sals_of, addresses_of, attributes_of, services_of;  // by service, location or organization id

  const Table& table(Collection c) const {
    switch (c) {
      case Collection::services: return services;
      case Collection::organizations: return organizations;
      case Collection::locations: return locations;
      case Collection::service_at_locations: return service_at_locations;
      case Collection::schedules: return schedules;
      case Collection::phones: return phones;
      case Collection::addresses: return addresses;
      case Collection::taxonomies: return taxonomies;
      case Collection::taxonomy_terms: return taxonomy_terms;
      case Collection::attributes: return attributes;
    }
    throw std::logic_error("unknown HSDS collection");
  }

  // Ids of this city's objects; the national and Sasaeai-wide taxonomies use their own names.
  std::string id(std::string_view kind, std::string_view key) const { return uuid_v5(fmt::format("{}/{}/{}", code.empty() ? "local" : code, kind, key)); }

  // ---- building ----

  void add_taxonomy(const std::string& taxonomy_id, std::string_view name, std::string_view description) {
    taxonomies.add({{"id", taxonomy_id}, {"name", name}, {"description", description}});
  }
  void add_term(const std::string& term_id, std::string_view term_code, std::string_view name, std::string_view description,
                const std::string& taxonomy_id, std::string_view taxonomy, const std::string& parent_id = {}) {
    json term = {{"id", term_id}, {"code", term_code}, {"name", name}, {"description", description}};
    if (!parent_id.empty()) term["parent_id"] = parent_id;
    term["taxonomy"] = taxonomy;
    term["language"] = "ja";
    term["taxonomy_id"] = taxonomy_id;
    taxonomy_terms.add(std::move(term));
  }
  static std::string field_term(std::string_view term_code) { return uuid_v5(fmt::format("sasaeai/fields/{}", term_code)); }
  static std::string gathering_term(std::string_view field, std::string_view word = {}) {
    return uuid_v5(word.empty() ? fmt::format("mhlw/kayoinoba/{}", field) : fmt::format("mhlw/kayoinoba/{}/{}", field, word));
  }

  void add_attribute(const std::string& link_id, std::string_view entity, const std::string& term_id, std::string_view key, const std::string& value = {}) {
    json a = {{"id", uuid_v5(fmt::format("{}/attribute/{}", link_id, key))}, {"link_id", link_id}, {"taxonomy_term_id", term_id}, {"link_entity", entity}};
    if (!value.empty()) a["value"] = value;
    attributes_of[link_id].push_back(a["id"].get<std::string>());
    attributes.add(std::move(a));
  }

  void add_vocabularies(const std::vector<domain::Record>& categories) {
    const auto category_taxonomy_id = id("taxonomy", "resource_category");
    add_taxonomy(category_taxonomy_id, category_taxonomy,
                 fmt::format("{}の社会資源の分類（居場所・サロン、見守り、助け合い など）", municipality.empty() ? "この市町村" : municipality));
    for (const auto& c : categories) {
      const auto description = c.text("description").empty() ? fmt::format("社会資源の分類「{}」", c.text("name")) : c.text("description");
      add_term(id("resource_category", std::to_string(c.id)), std::to_string(c.id), c.text("name"), description, category_taxonomy_id, category_taxonomy);
    }
    const auto gathering_id = uuid_v5("mhlw/taxonomy/kayoinoba");
    add_taxonomy(gathering_id, gathering_taxonomy, "厚生労働省「通いの場の類型化について」による通いの場の運営・場所・活動と、開催頻度の区分");
    for (const auto& group : gathering_groups()) {
      const auto parent = gathering_term(group.field);
      add_term(parent, group.field, group.name, group.description, gathering_id, gathering_taxonomy);
      for (const auto& word : group.words) {
        add_term(gathering_term(group.field, word), group.field, word, fmt::format("{}: {}", group.name, word), gathering_id, gathering_taxonomy, parent);
      }
    }
    const auto fields_id = uuid_v5("sasaeai/taxonomy/fields");
    add_taxonomy(fields_id, fields_taxonomy, "HSDS に対応する項目がない社会資源台帳の項目。属性（attribute）の value に値を入れます");
    for (const auto& t : local_terms()) add_term(field_term(t.code), t.code, t.name, t.description, fields_id, fields_taxonomy);
  }

  std::string directory_organization() {
    const auto org_id = id("organization", "directory");
    if (organizations.find(org_id)) return org_id;
    const auto name = municipality.empty() ? std::string("社会資源の一覧") : municipality + " 生活支援体制整備事業";
    organizations.add({{"id", org_id},
                       {"name", name},
                       {"description", fmt::format("{}が生活支援体制整備事業で把握し公開している社会資源の一覧。運営団体の記載がない社会資源はこの組織に結びつけています",
                                                   municipality.empty() ? "市町村" : municipality)}});
    add_attribute(org_id, "organization", field_term(term_directory), term_directory);
    return org_id;
  }

  std::string operator_organization(const std::string& name, const std::string& operator_type) {
    const auto org_id = id("organization", name);
    if (auto* found = organizations.find(org_id)) {
      if (!found->contains("legal_status") && !operator_type.empty()) organizations.rows[organizations.by_id.at(org_id)]["legal_status"] = operator_type;
      return org_id;
    }
    json org = {{"id", org_id}, {"name", name}, {"description", fmt::format("{}の社会資源を運営している団体", municipality.empty() ? "この市町村" : municipality)}};
    set_text(org, "legal_status", operator_type);
    organizations.add(std::move(org));
    return org_id;
  }

  void add_resource(const domain::Record& r, std::string_view status) {
    const auto key = std::to_string(r.id);
    const auto service_id = id("resource", key);
    const auto operator_name = r.text("operator_name");
    const auto org_id = operator_name.empty() ? directory_organization() : operator_organization(operator_name, r.text("operator_type"));
    json service = {{"id", service_id}, {"organization_id", org_id}, {"name", r.text("name")}};
    set_text(service, "description", r.text("description"));
    service["status"] = status;
    set_text(service, "fees_description", r.text("fee"));
    set_text(service, "eligibility_description", r.text("eligibility"));
    set_text(service, "assured_date", r.text("last_verified_on"));
    services_of[org_id].push_back(service_id);
    services.add(std::move(service));

    if (const auto category = r.integer("category_id"); category && taxonomy_terms.find(id("resource_category", std::to_string(*category)))) {
      add_attribute(service_id, "service", id("resource_category", std::to_string(*category)), "category");
    }
    for (const auto term : {term_kana, term_operator_type, term_public_contact}) {
      const auto field = term == term_kana ? "kana" : term == term_operator_type ? "operator_type" : "public_contact";
      if (const auto value = r.text(field); !value.empty()) add_attribute(service_id, "service", field_term(term), term, value);
    }
    for (const auto& group : gathering_groups()) {
      const auto value = group.field == "frequency_band" ? domain::gathering::frequency_band(r.text("schedule")).value_or("") : r.text(group.field);
      for (const auto& word : domain::split_list(value)) {
        add_attribute(service_id, "service", gathering_term(group.field, word), fmt::format("{}/{}", group.field, word));
      }
    }

    const auto public_contact = r.text("public_contact");
    int n = 0;
    for (const auto& phone : phone_numbers(public_contact)) {
      json p = {{"id", id("phone", fmt::format("{}/{}", key, ++n))}, {"service_id", service_id}, {"number", phone.number}, {"type", phone.type},
                {"description", public_contact}};
      phones_of[service_id].push_back(p["id"].get<std::string>());
      phones.add(std::move(p));
    }

    add_schedules(service_id, key, r.text("schedule"));
    add_location(r, service_id, key);
  }

  void add_schedules(const std::string& service_id, const std::string& key, const std::string& text) {
    if (text.empty()) return;
    const auto parsed = domain::parse_schedule(text);
    std::vector<Recurrence> rules;
    if (parsed.schedule) rules = recurrences(*parsed.schedule);
    if (rules.empty()) rules.emplace_back();  // text only: the description carries it
    int n = 0;
    for (const auto& rule : rules) {
      json s = {{"id", id("schedule", fmt::format("{}/{}", key, ++n))}, {"service_id", service_id}};
      if (!rule.freq.empty()) {
        s["timezone"] = 9;
        s["freq"] = rule.freq;
        s["byday"] = rule.byday;
      }
      s["description"] = text;
      set_text(s, "opens_at", rule.opens_at);
      set_text(s, "closes_at", rule.closes_at);
      schedules_of[service_id].push_back(s["id"].get<std::string>());
      schedules.add(std::move(s));
    }
  }

  void add_location(const domain::Record& r, const std::string& service_id, const std::string& key) {
    const auto location_id = id("location", key);
    json location = {{"id", location_id}, {"location_type", "physical"}, {"name", r.text("name")}};
    const bool approximate = venues::is_approximate(r);
    if (approximate) location["description"] = fmt::format("{}（{}）", venues::approximate_label, venues::area_of(r));
    if (const auto lat = domain::as_double(r.get("latitude")), lng = domain::as_double(r.get("longitude")); lat && lng) {
      location["latitude"] = *lat;
      location["longitude"] = *lng;
    }
    locations.add(std::move(location));
    if (approximate) add_attribute(location_id, "location", field_term(term_approximate), term_approximate, venues::area_of(r));
    if (const auto d = r.ref_title("district_id"); !d.empty()) add_attribute(location_id, "location", field_term(term_district), term_district, d);
    if (const auto nb = r.ref_title("neighbourhood_id"); !nb.empty()) {
      add_attribute(location_id, "location", field_term(term_neighbourhood), term_neighbourhood, nb);
    }
    // The read path has already emptied the address of a venue shown approximately.
    if (!approximate && (!r.text("address").empty() || !r.text("postal_code").empty())) {
      json address = {{"id", id("address", key)},
                      {"location_id", location_id},
                      {"address_1", r.text("address")},
                      {"city", municipality},
                      {"state_province", prefecture},
                      {"postal_code", postal_code(r.text("postal_code"))},
                      {"country", "JP"},
                      {"address_type", "physical"}};
      addresses_of[location_id].push_back(address["id"].get<std::string>());
      addresses.add(std::move(address));
    }
    json sal = {{"id", id("service_at_location", key)}, {"service_id", service_id}, {"location_id", location_id}};
    sals_of[service_id].push_back(sal["id"].get<std::string>());
    service_at_locations.add(std::move(sal));
  }

  // ---- views ----

  json rows_of(const Table& table, const std::vector<std::string>& ids) const {
    json out = json::array();
    for (const auto& i : ids) out.push_back(*table.find(i));
    return out;
  }
  json term_full(const std::string& term_id) const {
    json term = *taxonomy_terms.find(term_id);
    if (const auto* taxonomy = taxonomies.find(term.value("taxonomy_id", ""))) term["taxonomy_detail"] = *taxonomy;
    return term;
  }
  json attributes_full(const std::string& link_id) const {
    json out = json::array();
    for (const auto& a : linked(attributes_of, link_id)) {
      json attribute = *attributes.find(a);
      attribute["taxonomy_term"] = term_full(attribute["taxonomy_term_id"].get<std::string>());
      out.push_back(std::move(attribute));
    }
    return out;
  }
  json organization_with_attributes(const std::string& org_id) const {
    json org = *organizations.find(org_id);
    if (auto a = attributes_full(org_id); !a.empty()) org["attributes"] = std::move(a);
    return org;
  }
  json location_full(const std::string& location_id) const {
    json location = *locations.find(location_id);
    location["addresses"] = rows_of(addresses, linked(addresses_of, location_id));
    location["attributes"] = attributes_full(location_id);
    return location;
  }
  json service_list_item(const json& service) const {
    json item = service;
    if (const auto* org = organizations.find(service.value("organization_id", ""))) item["organization"] = *org;
    return item;
  }
  json service_full(const json& service) const {
    const auto service_id = service["id"].get<std::string>();
    json full = service;
    full["organization"] = organization_with_attributes(service["organization_id"].get<std::string>());
    full["phones"] = rows_of(phones, linked(phones_of, service_id));
    full["schedules"] = rows_of(schedules, linked(schedules_of, service_id));
    json sals = json::array();
    for (const auto& s : linked(sals_of, service_id)) {
      json sal = *service_at_locations.find(s);
      sal["location"] = location_full(sal["location_id"].get<std::string>());
      sals.push_back(std::move(sal));
    }
    full["service_at_locations"] = std::move(sals);
    full["attributes"] = attributes_full(service_id);
    return full;
  }

  json list_item(Collection c, const json& row) const {
    switch (c) {
      case Collection::services: return service_list_item(row);
      case Collection::service_at_locations: {
        json item = row;
        item["location"] = *locations.find(row["location_id"].get<std::string>());
        item["service"] = *services.find(row["service_id"].get<std::string>());
        return item;
      }
      default: return row;
    }
  }

  json full_item(Collection c, const json& row) const {
    switch (c) {
      case Collection::services: return service_full(row);
      case Collection::organizations: {
        json org = organization_with_attributes(row["id"].get<std::string>());
        json list = json::array();
        for (const auto& s : linked(services_of, row["id"].get<std::string>())) list.push_back(*services.find(s));
        org["services"] = std::move(list);
        return org;
      }
      case Collection::service_at_locations: {
        json sal = row;
        sal["location"] = location_full(row["location_id"].get<std::string>());
        sal["service"] = service_list_item(*services.find(row["service_id"].get<std::string>()));
        return sal;
      }
      case Collection::locations: return location_full(row["id"].get<std::string>());
      case Collection::taxonomy_terms: return term_full(row["id"].get<std::string>());
      case Collection::attributes: {
        json attribute = row;
        attribute["taxonomy_term"] = term_full(row["taxonomy_term_id"].get<std::string>());
        return attribute;
      }
      default: return row;
    }
  }

  std::string csv(Collection c) const {
    const auto& fields = table_descriptor(named(c).table)["schema"]["fields"];
    std::vector<std::vector<std::string>> cells;
    std::vector<std::string> header;
    for (const auto& f : fields) header.push_back(f["name"].get<std::string>());
    cells.push_back(header);
    for (const auto& row : table(c).rows) {
      std::vector<std::string> line;
      for (const auto& name : header) line.push_back(row.contains(name) ? cell_text(row[name]) : std::string());
      cells.push_back(std::move(line));
    }
    return write_csv(cells);
  }

  json package_descriptor() const {
    json resources = json::array();
    std::vector<std::string> included;
    for (const auto& n : kCollections) included.emplace_back(n.table);
    auto is_included = [&](const std::string& name) { return std::find(included.begin(), included.end(), name) != included.end(); };
    for (const auto& n : kCollections) {
      json r = table_descriptor(n.table);
      r["encoding"] = "utf-8";
      // Keys to tables this package does not hold (contact, program …) would not resolve.
      if (r["schema"].contains("foreignKeys")) {
        json keys = json::array();
        for (const auto& k : r["schema"]["foreignKeys"]) {
          if (is_included(k["reference"]["resource"].get<std::string>())) keys.push_back(k);
        }
        r["schema"]["foreignKeys"] = std::move(keys);
      }
      resources.push_back(std::move(r));
    }
    return {{"profile", "tabular-data-package"},
            {"name", fmt::format("sasaeai-hsds-{}", code.empty() ? "local" : code)},
            {"title", fmt::format("{}の社会資源（Open Referral HSDS {}）", municipality.empty() ? "" : municipality, kVersion)},
            {"description",
             "生活支援体制整備事業の社会資源（居場所・通いの場・見守り・助け合いなど）のうち公開してよい項目。"
             "表の形は Human Services Data Specification: an Open Referral resource (https://openreferral.org/) の 3.0 による（CC BY-SA 4.0）"},
            {"hsds_version", kVersion},
            {"resources", resources}};
  }
};

Directory Directory::read(store::Store& store, const std::string& address) {
  auto data = std::make_shared<Data>();
  app::Registry registry(store);
  const auto visitor = app::Actor::visitor(address);
  app::ListRequest all;
  all.per_page = 0;
  const auto municipalities = registry.list(visitor, domain::register_spec(reg::municipalities), all).rows;
  if (!municipalities.empty()) {
    data->municipality = municipalities.front().text("name");
    data->prefecture = municipalities.front().text("prefecture");
    data->code = municipalities.front().text("code");
  }
  data->add_vocabularies(registry.list(visitor, domain::register_spec(reg::resource_categories), all).rows);
  for (const auto& r : registry.list(visitor, domain::register_spec(reg::resources), all).rows) {
    if (const auto status = status_to_hsds(r.text("status"))) data->add_resource(r, *status);
  }
  return Directory(std::move(data));
}

std::size_t Directory::service_count() const { return data_->services.rows.size(); }

std::string Directory::index_json(std::string_view base) const {
  json endpoints = json::array();
  for (const auto& n : kCollections) {
    endpoints.push_back({{"name", n.path}, {"href", fmt::format("{}/{}", base, n.path)}, {"total_items", data_->table(n.collection).rows.size()}});
  }
  return json{{"version", kVersion},
              {"publisher", data_->municipality},
              {"endpoints", endpoints},
              {"export", fmt::format("{}/export.json", base)},
              {"datapackage", fmt::format("{}/datapackage.zip", base)},
              {"attribution", "Human Services Data Specification: an Open Referral resource (https://openreferral.org/)"}}
      .dump();
}

std::string Directory::page_json(Collection collection, std::int64_t page, std::int64_t per_page) const {
  const auto& rows = data_->table(collection).rows;
  const auto total = static_cast<std::int64_t>(rows.size());
  const auto pages = (total + per_page - 1) / per_page;
  json contents = json::array();
  for (auto i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i) contents.push_back(data_->list_item(collection, rows[static_cast<std::size_t>(i)]));
  const auto size = contents.size();
  return json{{"total_items", total},
              {"total_pages", pages},
              {"page_number", page},
              {"size", size},
              {"first_page", page == 1},
              {"last_page", page >= pages},
              {"empty", size == 0},
              {"contents", std::move(contents)}}
      .dump();
}

std::string Directory::item_json(Collection collection, std::string_view id) const {
  const auto* row = data_->table(collection).find(id);
  if (!row) throw Error(ErrorKind::not_found, fmt::format("HSDS の {} に「{}」はありません（終了した社会資源は公開していません）", path_name(collection), id));
  return data_->full_item(collection, *row).dump();
}

std::string Directory::services_json() const {
  json out = json::array();
  for (const auto& s : data_->services.rows) out.push_back(data_->service_full(s));
  return out.dump();
}

std::string Directory::package_zip() const {
  std::vector<ZipEntry> entries;
  entries.push_back({"datapackage.json", data_->package_descriptor().dump(2)});
  for (const auto& n : kCollections) entries.push_back({table_descriptor(n.table)["path"].get<std::string>(), data_->csv(n.collection)});
  return write_zip(entries);
}

}  // namespace sasaeai::io::hsds
