#include "io/register_csv_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/record_title.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace reg = domain::reg;

namespace {

// Thrown at the end of a dry run so that the transaction is rolled back.
struct DryRunDone {};

// Where each column of the format is in the file: exact spellings first, so that 「種別」 is
// not taken by a variant when another column is called exactly that. A field may be in several
// columns (GeoJSON features that say "name" and others 「名称」): the first filled one counts.
using ColumnIndex = std::map<std::string, std::vector<std::size_t>>;

ColumnIndex locate_columns(const RegisterCsvFormat& format, const std::vector<std::string>& header) {
  ColumnIndex index;
  std::vector<bool> used(header.size(), false);
  std::vector<std::string> keys;
  for (const auto& h : header) keys.push_back(text::search_key(h));
  auto take = [&](const CsvColumn& col, const std::string& name) {
    const auto wanted = text::search_key(name);
    for (std::size_t c = 0; c < keys.size(); ++c) {
      if (!used[c] && keys[c] == wanted) {
        index[col.field].push_back(c);
        used[c] = true;
      }
    }
  };
  for (const auto& col : format.columns) take(col, col.label);
  for (const auto& col : format.columns) {
    for (const auto& name : col.names) take(col, name);
  }
  return index;
}

// Records of a referenced register by their title (search_key folded), for cells that name them.
struct Candidates {
  struct Entry {
    domain::Id id = 0;
    std::string must_match;  // the referenced record's value of the field the reference must agree on
  };
  std::map<std::string, std::vector<Entry>> by_title;
  std::map<domain::Id, std::string> must_match_of;
};

Candidates candidates_for(store::WriteTx& tx, const domain::FieldSpec& field) {
  const auto& target = domain::register_spec(field.ref_register);
  store::ListQuery all;
  all.limit = 0;
  Candidates out;
  for (const auto& r : tx.list(target, all).rows) {
    Candidates::Entry e{r.id, field.ref_must_match.empty() ? std::string() : r.text(field.ref_must_match)};
    out.by_title[text::search_key(domain::title_of(target, r))].push_back(e);
    out.must_match_of[r.id] = e.must_match;
  }
  return out;
}

// The id a cell names: a referenced record's title, or its number written as #12 or 12. When a
// reference must agree with another field (a 町内会 lies in the row's 地区), only records that agree
// are candidates.
domain::Id resolve_reference(const domain::FieldSpec& field, const Candidates& candidates, const std::string& cell, const std::string& must_equal) {
  auto agrees = [&](const Candidates::Entry& e) { return must_equal.empty() || e.must_match.empty() || e.must_match == must_equal; };
  if (auto it = candidates.by_title.find(text::search_key(cell)); it != candidates.by_title.end()) {
    std::vector<domain::Id> found;
    for (const auto& e : it->second) {
      if (agrees(e)) found.push_back(e.id);
    }
    if (found.size() == 1) return found.front();
    if (found.size() > 1) {
      throw Error(ErrorKind::invalid, fmt::format("{}「{}」が{}件あります。#{} のように番号で書いてください", field.label, cell, found.size(), found.front()),
                  field.name);
    }
  }
  auto digits = text::nfkc(cell);
  if (!digits.empty() && digits.front() == '#') digits.erase(0, 1);
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) && digits.size() < 12) {
    const auto id = static_cast<domain::Id>(std::stoll(digits));
    if (auto it = candidates.must_match_of.find(id); it != candidates.must_match_of.end()) {
      if (must_equal.empty() || it->second.empty() || it->second == must_equal) return id;
    }
  }
  throw Error(ErrorKind::invalid, fmt::format("{}「{}」が登録されていません", field.label, cell), field.name);
}

}  // namespace

RegisterCsvResult import_register_csv(store::Store& store, const app::Actor& actor, const RegisterCsvFormat& format, std::string_view csv_bytes,
                                      bool dry_run) {
  const auto& spec = domain::register_spec(format.register_name);
  app::require(actor, app::can_import(actor, spec), (spec.label + "の取り込み").c_str());  // before the file is read
  if (csv_bytes.empty()) throw Error(ErrorKind::invalid, "CSVファイルを選んでください", "file");
  return import_register_table(store, actor, format, read_csv(csv_bytes), dry_run);
}

RegisterCsvResult import_register_table(store::Store& store, const app::Actor& actor, const RegisterCsvFormat& format, const CsvTable& table,
                                        bool dry_run) {
  const auto& spec = domain::register_spec(format.register_name);
  app::require(actor, app::can_import(actor, spec), (spec.label + "の取り込み").c_str());
  if (table.rows.empty()) throw Error(ErrorKind::invalid, "ファイルが空です", "file");
  const auto index = locate_columns(format, table.rows.front().cells);
  for (const auto& col : format.columns) {
    if (col.required && !index.count(col.field)) {
      throw Error(ErrorKind::invalid, fmt::format("1行目（見出し）に「{}」の列がありません。見出しは {} にしてください", col.label, format.expected_header), "file");
    }
  }
  // References first to the fields they must agree with (地区 before 町内会).
  std::vector<const domain::FieldSpec*> references;
  for (const auto& f : spec.fields) {
    if (f.type == domain::FieldType::reference && index.count(f.name)) references.push_back(&f);
  }
  std::stable_sort(references.begin(), references.end(), [](const auto* a, const auto* b) { return a->ref_must_match.empty() && !b->ref_must_match.empty(); });

  RegisterCsvResult result;
  result.encoding = table.encoding;
  try {
    store.write([&](store::WriteTx& tx) {
      store::ListQuery all;
      all.limit = 0;
      std::map<std::string, Candidates> candidates;
      for (const auto* f : references) candidates.emplace(f->name, candidates_for(tx, *f));
      // A city's own install has one municipality: records that need one get it unasked.
      auto defaults = format.defaults;
      for (const auto& f : spec.fields) {
        if (f.type == domain::FieldType::reference && f.ref_register == reg::municipalities && !defaults.count(f.name)) {
          const auto cities = tx.list(domain::register_spec(reg::municipalities), all).rows;
          if (cities.size() == 1) defaults[f.name] = std::to_string(cities.front().id);
        }
      }
      auto key_of = [&](const domain::Record& r) {
        std::string k;
        for (const auto& f : format.key) k += text::search_key(r.text(f)) + '\x1f';
        return k;
      };
      std::map<std::string, domain::Id> existing;
      for (const auto& r : tx.list(spec, all).rows) existing.emplace(key_of(r), r.id);
      std::map<std::string, std::size_t> seen;  // key → line, for duplicates within the file
      const auto& unit = table.row_unit;
      for (std::size_t i = 1; i < table.rows.size(); ++i) {
        const auto& row = table.rows[i];
        // The column a field was read from, for messages.
        std::map<std::string, std::size_t> read_from;
        auto cell = [&](const std::string& field) -> std::string {
          auto it = index.find(field);
          if (it == index.end()) return {};
          for (const auto c : it->second) {
            if (c < row.cells.size()) {
              if (auto v = text::trim(row.cells[c]); !v.empty()) {
                read_from[field] = c;
                return v;
              }
            }
          }
          return {};
        };
        bool blank = true;
        for (const auto& c : row.cells) blank = blank && text::trim(c).empty();
        if (blank) continue;
        if (!cell("skip_if_set").empty()) {
          ++result.skipped;
          continue;
        }
        auto where = [&](const std::string& field) {
          const auto* f = spec.field(field);
          if (!f) return fmt::format("{}{}", row.line, unit);
          std::optional<std::size_t> column;
          if (auto it = read_from.find(field); it != read_from.end()) column = it->second;
          else if (auto at = index.find(field); at != index.end()) column = at->second.front();
          if (!column) return fmt::format("{}{}（{}）", row.line, unit, f->label);
          return fmt::format("{}{} {}列目（{}）", row.line, unit, *column + 1, f->label);
        };
        domain::Input input;
        for (const auto& col : format.columns) {
          if (col.field == "skip_if_set") continue;
          if (const auto v = cell(col.field); !v.empty()) input[col.field] = v;
        }
        try {
          for (const auto* f : references) {
            auto it = input.find(f->name);
            if (it == input.end() || !it->second) continue;
            std::string must_equal;
            if (!f->ref_must_match.empty()) {
              if (auto m = input.find(f->ref_must_match); m != input.end() && m->second) must_equal = *m->second;
            }
            it->second = std::to_string(resolve_reference(*f, candidates.at(f->name), *it->second, must_equal));
          }
          auto with_defaults = input;
          for (const auto& [name, value] : defaults) {
            if (!with_defaults.count(name)) with_defaults[name] = value;
          }
          const auto record = domain::parse_record(spec, with_defaults);  // normalised values, for the key
          const auto key = key_of(record);
          if (auto [it, fresh] = seen.emplace(key, row.line); !fresh) {
            throw Error(ErrorKind::invalid, fmt::format("同じものが{}{}にもあります", it->second, unit));
          }
          const auto found = existing.find(key);
          result.rows.push_back({row.line, domain::title_of(spec, record), found != existing.end()});
          if (found != existing.end()) {
            app::Registry::update_in(tx, actor, spec, found->second, input, true);
            ++result.updated;
          } else {
            app::Registry::create_in(tx, actor, spec, with_defaults, false);
            ++result.created;
          }
        } catch (const Error& e) {
          // A row of a district the importer may not change is refused with its line, like bad values.
          if (e.kind() == ErrorKind::forbidden) throw Error(ErrorKind::invalid, fmt::format("{}: {}", where(""), e.what()), "file");
          if (e.kind() != ErrorKind::invalid) throw;
          const auto message = e.fields().empty() ? std::string(e.what()) : e.fields().front().message;
          throw Error(ErrorKind::invalid, fmt::format("{}: {}", e.fields().empty() ? where("") : where(e.fields().front().field), message), "file");
        }
      }
      if (dry_run) throw DryRunDone{};
      app::audit(tx, actor, "import", spec.name, std::nullopt,
                 fmt::format("{}を取り込み（新規 {} 件、更新 {} 件）", spec.label, result.created, result.updated));
    });
  } catch (const DryRunDone&) {
    // The preview's transaction was rolled back: nothing was stored.
  }
  return result;
}

}  // namespace sasaeai::io
