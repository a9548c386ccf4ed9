#pragma once
// The resources register (社会資源) as Open Referral HSDS 3.0 (Human Services Data Specification):
// services, the organizations that run them, their locations, addresses, public telephone numbers
// and schedules, and the taxonomies that classify them. What a visitor may see, and nothing more:
// the register is read through the visitor read path (app::Registry with Actor::visitor), so
// personal fields are empty and a private-home venue has no address and only its area's point,
// flagged as an approximate location. Ended resources (終了) are not published.
//
// The JSON and CSV shapes, and what maps to what, are described in docs/api.md ("/api/hsds").
// The text returned is JSON (or ZIP bytes); the JSON library stays inside io/.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace sasaeai::io::hsds {

// The collections under /api/hsds/, by their path names (HSDS table names).
enum class Collection {
  services,
  organizations,
  locations,
  service_at_locations,
  schedules,
  phones,
  addresses,
  taxonomies,
  taxonomy_terms,
  attributes,
};
std::optional<Collection> collection_named(std::string_view path_name);
std::string_view path_name(Collection collection);

class Directory {
 public:
  // Reads the municipality, the resource categories and every published resource as a visitor
  // from `address` (the read path applies the privacy rules).
  static Directory read(store::Store& store, const std::string& address);

  std::size_t service_count() const;

  // {"version": "3.0", "profile", "endpoints": […]} for /api/hsds/; `base` is "/api/hsds".
  std::string index_json(std::string_view base) const;
  // HSDS's Page: total_items, total_pages, page_number, size, first_page, last_page, empty and
  // contents (list views: one-to-one fields, a service with its organization). `page` ≥ 1;
  // `per_page` ≥ 1.
  std::string page_json(Collection collection, std::int64_t page, std::int64_t per_page) const;
  // One object in full (a service with its organization, phones, schedules, attributes and
  // service_at_locations → location → addresses). Throws Error(not_found) for an unknown id.
  std::string item_json(Collection collection, std::string_view id) const;
  // Every service in full, as a JSON array (export.json; what the importer reads back).
  std::string services_json() const;
  // The tabular package: the HSDS CSV files and datapackage.json, zipped.
  std::string package_zip() const;

 private:
  struct Data;
  explicit Directory(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

// The CSV files of the package, in the order the zip holds them (services.csv …).
const std::vector<std::string>& package_files();

}  // namespace sasaeai::io::hsds
