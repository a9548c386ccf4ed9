#include "io/needs_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/need_period.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/needs_import_history.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace reg = domain::reg;
using domain::Id;

namespace {

constexpr std::size_t kMaxErrors = 30;

bool is_header(const std::string& cell, std::initializer_list<const char*> names) {
  const auto key = text::search_key(cell);
  for (const char* n : names) {
    if (key == text::search_key(n)) return true;
  }
  return false;
}

std::optional<std::int64_t> parse_count(const std::string& raw, bool& ok) {
  ok = true;
  // Most cells are plain ASCII digits, which NFKC leaves as they are: skip it for those.
  const bool ascii = std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return c < 0x80; });
  auto s = text::trim(ascii ? raw : text::nfkc(raw));
  if (s.empty() || s == "-" || s == "－") return std::nullopt;
  std::string digits;
  for (char c : s) {
    if (c != ',') digits += c;
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || v < 0) {
    ok = false;
    return std::nullopt;
  }
  return v;
}

std::vector<std::string> split_aliases(const std::string& aliases) {
  std::vector<std::string> out;
  std::string current;
  const auto normalised = text::nfkc(aliases);
  for (std::size_t i = 0; i <= normalised.size(); ++i) {
    const bool separator = i == normalised.size() || normalised[i] == ',' || normalised.compare(i, 3, "、") == 0;
    if (!separator) {
      current += normalised[i];
      continue;
    }
    if (!text::trim(current).empty()) out.push_back(text::trim(current));
    current.clear();
    if (i < normalised.size() && normalised[i] != ',') i += 2;
  }
  return out;
}


// Need categories by search key of their name and of every alias (ゴミだし → ゴミ出し).
std::map<std::string, std::pair<Id, std::string>> category_lookup(store::ReadTx& tx) {
  std::map<std::string, std::pair<Id, std::string>> out;
  store::ListQuery all;
  all.limit = 0;
  for (const auto& c : tx.list(domain::register_spec(reg::need_categories), all).rows) {
    out[text::search_key(c.text("name"))] = {c.id, c.text("name")};
    for (const auto& alias : split_aliases(c.text("aliases"))) out[text::search_key(alias)] = {c.id, c.text("name")};
  }
  return out;
}

// The counts already stored for a source and period, read once when the file first names them:
// a row then finds the count it replaces without a query of its own.
class ExistingCounts {
 public:
  explicit ExistingCounts(store::ReadTx& tx) : tx_(tx) {}

  std::optional<Id> find(Id neighbourhood, Id category, const std::string& source, const std::string& period) {
    auto [survey, added] = surveys_.try_emplace({source, period});
    if (added) {
      store::ListQuery q;
      q.limit = 0;
      q.equals = {{"source", source}, {"period", period}};
      q.fields = {"neighbourhood_id", "category_id"};
      for (const auto& c : tx_.list(domain::register_spec(reg::needs), q).rows) {
        survey->second.emplace(std::pair(*c.integer("neighbourhood_id"), *c.integer("category_id")), c.id);
      }
    }
    auto it = survey->second.find({neighbourhood, category});
    return it == survey->second.end() ? std::nullopt : std::optional(it->second);
  }

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<Id, Id>& p) const { return std::hash<Id>()(p.first) * 31 + std::hash<Id>()(p.second); }
  };

  store::ReadTx& tx_;
  std::map<std::pair<std::string, std::string>, std::unordered_map<std::pair<Id, Id>, Id, PairHash>> surveys_;
};

// A normalisation remembered per distinct text: a long file repeats the same few hundred names on
// every row, and normalising (ICU) costs more than the rest of a row's work.
class KeyMemo {
 public:
  explicit KeyMemo(std::string (*normalise)(std::string_view)) : normalise_(normalise) {}
  const std::string& operator()(const std::string& text) {
    auto it = keys_.find(text);
    if (it == keys_.end()) it = keys_.emplace(text, normalise_(text)).first;
    return it->second;
  }

 private:
  std::string (*normalise_)(std::string_view);
  std::unordered_map<std::string, std::string> keys_;
};

class Planner {
 public:
  Planner(store::ReadTx& tx, const NeedsImportRequest& request) : tx_(tx), request_(request) {}

  NeedsImportPlan plan(const CsvTable& table) {
    NeedsImportPlan plan;
    plan.encoding = table.encoding;
    const auto district = tx_.get(domain::register_spec(reg::districts), request_.district_id);
    if (!district) throw Error(ErrorKind::invalid, "取り込む地区を選んでください", "district_id");
    plan.district_name = district->text("name");
    check_request();
    if (table.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です");
    load_neighbourhoods();
    read_header(table.rows.front(), plan);
    std::map<Id, std::size_t> seen;
    for (std::size_t i = 1; i < table.rows.size(); ++i) read_row(table.rows[i], plan, seen);
    if (!errors_.empty()) throw Error(ErrorKind::invalid, std::move(errors_));
    count_changes(plan);
    return plan;
  }

 private:
  void error(std::size_t line, const std::string& message) {
    if (errors_.size() < kMaxErrors) errors_.push_back({"file", fmt::format("{}行目: {}", line, message)});
  }

  void check_request() {
    const auto& sources = domain::need_sources();
    if (std::find(sources.begin(), sources.end(), request_.source) == sources.end()) {
      throw Error(ErrorKind::invalid, "把握の方法を選んでください", "source");
    }
    domain::normalise_need_period(request_.period);  // the caller normalised it; refuses anything else
  }

  void load_neighbourhoods() {
    store::ListQuery q;
    q.limit = 0;
    q.equals = {{"district_id", request_.district_id}};
    for (const auto& n : tx_.list(domain::register_spec(reg::neighbourhoods), q).rows) {
      by_key_[neighbourhood_key(n.text("name"))] = {n.id, n.text("name")};
      names_[n.id] = n.text("name");
    }
  }

  void read_header(const CsvRow& header, NeedsImportPlan& plan) {
    if (header.cells.empty() || !is_header(header.cells[0], {"町内会名", "町内会", "町丁目", "自治会", "地域"})) {
      error(header.line, "1列目の見出しは「町内会名」にしてください");
    }
    const auto categories = category_lookup(tx_);
    std::vector<std::string> known;
    store::ListQuery all;
    all.limit = 0;
    for (const auto& c : tx_.list(domain::register_spec(reg::need_categories), all).rows) known.push_back(c.text("name"));
    std::set<Id> used;
    for (std::size_t col = 1; col < header.cells.size(); ++col) {
      const auto& cell = header.cells[col];
      Column column;
      if (is_header(cell, {"世帯数", "世帯"})) column.kind = Column::households;
      else if (is_header(cell, {"対象人数", "人数", "実人数"})) column.kind = Column::people;
      else if (text::trim(cell).empty()) column.kind = Column::ignored;
      else if (auto it = categories.find(text::search_key(cell)); it != categories.end()) {
        column.kind = Column::category;
        column.index = plan.categories.size();
        if (!used.insert(it->second.first).second) error(header.line, fmt::format("「{}」の列が2つあります", text::trim(cell)));
        plan.categories.push_back(it->second);
      } else {
        std::string list;
        for (std::size_t i = 0; i < known.size() && i < 20; ++i) list += (i ? "、" : "") + known[i];
        error(header.line, fmt::format("{}列目「{}」というニーズの分類はありません（分類: {}）。分類を追加するか、列名を直してください",
                                       col + 1, text::trim(cell), list));
      }
      columns_.push_back(column);
      headers_.push_back(text::trim(cell));
    }
  }

  void read_row(const CsvRow& row, NeedsImportPlan& plan, std::map<Id, std::size_t>& seen) {
    NeedsImportRow out;
    out.line = row.line;
    out.name = text::trim(row.cells.empty() ? std::string() : row.cells[0]);
    out.counts.assign(plan.categories.size(), std::nullopt);
    if (out.name.empty()) {
      error(row.line, "1列目（町内会名）が空です");
      return;
    }
    if (row.cells.size() > columns_.size() + 1) error(row.line, fmt::format("見出しより列が多くあります（{}列）", row.cells.size()));
    for (std::size_t col = 1; col < row.cells.size() && col - 1 < columns_.size(); ++col) {
      const auto& column = columns_[col - 1];
      if (column.kind == Column::ignored) continue;
      bool ok = true;
      const auto value = parse_count(row.cells[col], ok);
      if (!ok) {
        error(row.line, fmt::format("{}列目（{}）「{}」は0以上の整数にしてください", col + 1, headers_[col - 1], text::trim(row.cells[col])));
        continue;
      }
      if (column.kind == Column::households) out.households = value;
      else if (column.kind == Column::people) out.people = value;
      else out.counts[column.index] = value;
    }
    // Match the name: exactly (after normalisation), or as a person mapped it in the preview.
    if (auto it = by_key_.find(neighbourhood_key(out.name)); it != by_key_.end()) {
      out.neighbourhood_id = it->second.first;
    } else if (auto m = request_.name_mapping.find(out.name); m != request_.name_mapping.end() && names_.contains(m->second)) {
      out.neighbourhood_id = m->second;
    } else {
      plan.unmatched.push_back(out.name);
    }
    if (out.neighbourhood_id) {
      out.neighbourhood_name = names_[*out.neighbourhood_id];
      if (auto [it, inserted] = seen.emplace(*out.neighbourhood_id, row.line); !inserted) {
        error(row.line, fmt::format("「{}」は{}行目と同じ町内会です（重複）", out.name, it->second));
      }
    }
    plan.rows.push_back(std::move(out));
  }

  void count_changes(NeedsImportPlan& plan) {
    const auto& needs = domain::register_spec(reg::needs);
    for (const auto& row : plan.rows) {
      if (!row.neighbourhood_id) continue;  // counted once a person has matched the name
      for (const auto& c : row.counts) plan.new_counts += c ? 1 : 0;
      store::ListQuery q;
      q.limit = 1;
      q.equals = {{"neighbourhood_id", *row.neighbourhood_id}, {"source", request_.source}, {"period", request_.period}};
      plan.replaced_counts += tx_.list(needs, q).total;
    }
  }

  struct Column {
    enum Kind { category, households, people, ignored } kind = ignored;
    std::size_t index = 0;
  };

  store::ReadTx& tx_;
  const NeedsImportRequest& request_;
  std::vector<Column> columns_;
  std::vector<std::string> headers_;
  std::map<std::string, std::pair<Id, std::string>> by_key_;
  std::map<Id, std::string> names_;
  std::vector<FieldError> errors_;
};

}  // namespace

std::string neighbourhood_key(std::string_view name) {
  static const std::string suffixes[] = {text::search_key("町内会"), text::search_key("自治会")};
  auto key = text::search_key(name);
  for (const auto& s : suffixes) {
    if (key.size() > s.size() && key.ends_with(s)) key.resize(key.size() - s.size());
  }
  return key;
}

NeedsImportPlan plan_needs_import(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                  const NeedsImportRequest& given) {
  auto request = given;
  const auto table = read_csv(file_bytes);
  NeedsImportPlan plan;
  store.read([&](store::ReadTx& tx) {
    if (auto district = tx.get(domain::register_spec(reg::districts), request.district_id)) {
      app::require(actor, app::can_change(actor, domain::register_spec(reg::needs), district->id), "この地区のニーズの取り込み");
    }
    request.period = domain::normalise_need_period(request.period);  // 平成31年4月 → 2019-04
    plan = Planner(tx, request).plan(table);
  });
  return plan;
}

NeedsImportPlan commit_needs_import(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                    const NeedsImportRequest& given) {
  auto request = given;
  const auto table = read_csv(file_bytes);
  NeedsImportPlan plan;
  const auto& needs = domain::register_spec(reg::needs);
  const auto& headcounts = domain::register_spec(reg::need_headcounts);
  store.write([&](store::WriteTx& tx) {
    if (auto district = tx.get(domain::register_spec(reg::districts), request.district_id)) {
      app::require(actor, app::can_change(actor, needs, district->id), "この地区のニーズの取り込み");
    }
    request.period = domain::normalise_need_period(request.period);
    plan = Planner(tx, request).plan(table);
    if (!plan.unmatched.empty()) {
      throw Error(ErrorKind::invalid, fmt::format("町内会名が一致しない行があります（{} など）。対応する町内会を選んでください", plan.unmatched.front()));
    }
    NeedsImportChanges changes;
    auto created = [&](const domain::RegisterSpec& spec, Id id) { changes.added.emplace_back(spec.name, *tx.get(spec, id)); };
    for (const auto& row : plan.rows) {
      const auto n = std::to_string(*row.neighbourhood_id);
      // Replace what this 町内会 had for the same source and period.
      for (const auto* spec : {&needs, &headcounts}) {
        store::ListQuery q;
        q.limit = 0;
        q.equals = {{"neighbourhood_id", *row.neighbourhood_id}, {"source", request.source}, {"period", request.period}};
        for (const auto& old : tx.list(*spec, q).rows) {
          changes.replaced.emplace_back(spec->name, old);
          tx.remove(*spec, old.id);
        }
      }
      for (std::size_t i = 0; i < row.counts.size(); ++i) {
        if (!row.counts[i]) continue;
        created(needs, app::Registry::create_in(tx, actor, needs,
                                                {{"neighbourhood_id", n}, {"category_id", std::to_string(plan.categories[i].first)},
                                                 {"source", request.source}, {"period", request.period}, {"count", std::to_string(*row.counts[i])}},
                                                false));
      }
      if (row.people || row.households) {
        domain::Input input = {{"neighbourhood_id", n}, {"source", request.source}, {"period", request.period}};
        if (row.people) input["people"] = std::to_string(*row.people);
        if (row.households) input["households"] = std::to_string(*row.households);
        created(headcounts, app::Registry::create_in(tx, actor, headcounts, input, false));
      }
    }
    plan.import_id = record_needs_import(tx, actor, request.district_id, request.source, request.period, plan.rows.size(), changes);
    app::audit(tx, actor, "import", std::string(reg::needs), std::nullopt,
               fmt::format("ニーズ表の取り込み: {} {} {}（{} 行、件数 {}、置き換え {}）", plan.district_name, request.source, request.period,
                           plan.rows.size(), plan.new_counts, plan.replaced_counts));
  });
  return plan;
}

LongImportResult commit_needs_long(store::Store& store, const app::Actor& actor, std::string_view file_bytes,
                                   std::optional<Id> district_id) {
  const auto table = read_csv(file_bytes);
  if (table.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です");
  const auto& header = table.rows.front().cells;
  auto column = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (is_header(header[i], names)) return i;
    }
    return std::nullopt;
  };
  const auto c_district = column({"地区", "地区名"});
  const auto c_name = column({"町内会名", "町内会", "町丁目"});
  const auto c_category = column({"分類", "ニーズの分類"});
  const auto c_source = column({"把握の方法", "方法"});
  const auto c_period = column({"時点", "時点・期間", "期間"});
  const auto c_count = column({"件数"});
  std::vector<FieldError> errors;
  if (!c_name || !c_category || !c_source || !c_period || !c_count) {
    throw Error(ErrorKind::invalid, "1行目: 見出しに「町内会名」「分類」「把握の方法」「時点」「件数」の列が必要です");
  }
  if (!c_district && !district_id) throw Error(ErrorKind::invalid, "1行目: 「地区」の列を加えるか、取り込む地区を選んでください");

  LongImportResult result;
  const auto& needs = domain::register_spec(reg::needs);
  store.write([&](store::WriteTx& tx) {
    // Name lookups, built once: districts by name, 町内会 by (district, key), categories by name and alias.
    store::ListQuery all;
    all.limit = 0;
    std::map<std::string, Id> districts;
    for (const auto& d : tx.list(domain::register_spec(reg::districts), all).rows) districts[text::search_key(d.text("name"))] = d.id;
    std::map<std::pair<Id, std::string>, Id> neighbourhoods;
    for (const auto& n : tx.list(domain::register_spec(reg::neighbourhoods), all).rows) {
      neighbourhoods[{*n.integer("district_id"), neighbourhood_key(n.text("name"))}] = n.id;
    }
    const auto categories = category_lookup(tx);
    const auto& sources = domain::need_sources();
    std::set<Id> allowed_districts;
    std::set<std::tuple<Id, Id, std::string, std::string>> seen;
    ExistingCounts existing(tx);
    KeyMemo search_key(&text::search_key);
    KeyMemo name_key(&neighbourhood_key);
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      auto cell = [&](std::optional<std::size_t> c) { return c && *c < row.cells.size() ? text::trim(row.cells[*c]) : std::string(); };
      auto fail = [&](const std::string& message) {
        if (errors.size() < kMaxErrors) errors.push_back({"file", fmt::format("{}行目: {}", row.line, message)});
      };
      Id district = district_id.value_or(0);
      if (c_district) {
        auto it = districts.find(search_key(cell(c_district)));
        if (it == districts.end()) {
          fail(fmt::format("地区「{}」がありません", cell(c_district)));
          continue;
        }
        district = it->second;
      }
      if (!allowed_districts.contains(district)) {
        app::require(actor, app::can_change(actor, needs, district), "この地区のニーズの取り込み");
        allowed_districts.insert(district);
      }
      const auto n = neighbourhoods.find({district, name_key(cell(c_name))});
      if (n == neighbourhoods.end()) fail(fmt::format("町内会「{}」がこの地区にありません", cell(c_name)));
      const auto category = categories.find(search_key(cell(c_category)));
      if (category == categories.end()) fail(fmt::format("「{}」というニーズの分類はありません", cell(c_category)));
      const auto source = cell(c_source);
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) fail(fmt::format("把握の方法「{}」は使えません", source));
      const auto raw_period = cell(c_period);
      const auto parsed_period = domain::parse_need_period(raw_period);
      if (!parsed_period) fail(fmt::format("時点「{}」は読み取れません（例: 2017-04、平成31年4月）", raw_period));
      const auto period = parsed_period.value_or("");
      bool ok = true;
      const auto count = parse_count(cell(c_count), ok);
      if (!ok || !count) fail(fmt::format("件数「{}」は0以上の整数にしてください", cell(c_count)));
      if (n == neighbourhoods.end() || category == categories.end() || !ok || !count || period.empty()) continue;
      const auto category_id = category->second.first;
      if (!seen.emplace(n->second, category_id, source, period).second) {
        fail("同じ町内会・分類・方法・時点の行がもう一度あります（重複）");
        continue;
      }
      if (!errors.empty()) continue;  // keep validating, but write nothing once anything is wrong
      domain::Record record;
      record.values = {{"neighbourhood_id", n->second}, {"category_id", category_id}, {"source", source},
                       {"period", period}, {"count", *count}, {"notes", domain::Value{}}};
      if (auto old = existing.find(n->second, category_id, source, period)) {
        tx.update(needs, *old, record);
        ++result.replaced;
      } else {
        tx.insert(needs, record);
      }
      ++result.rows;
    }
    if (!errors.empty()) throw Error(ErrorKind::invalid, std::move(errors));
    app::audit(tx, actor, "import", std::string(reg::needs), std::nullopt,
               fmt::format("ニーズの取り込み（縦持ち）: {} 行、置き換え {}", result.rows, result.replaced));
  });
  return result;
}

}  // namespace sasaeai::io
