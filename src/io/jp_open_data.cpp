#include "io/jp_open_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "domain/status_words.hpp"
#include "domain/validation.hpp"
#include "io/jp_open_data_export.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace {

namespace reg = domain::reg;

// Headers are compared after NFKC, so 建物名等（方書） and 建物名等(方書), or a full-width letter, match.
std::string header_key(std::string_view header) { return text::nfkc(text::trim(header)); }

class Header {
 public:
  explicit Header(const std::vector<std::string>& cells) {
    for (const auto& c : cells) keys_.push_back(header_key(c));
  }
  std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const {
    for (const auto name : names) {
      const auto key = header_key(name);
      for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) return i;
      }
    }
    return std::nullopt;
  }
  bool has(std::string_view name) const { return find({name}).has_value(); }
  // The list's own name column: 名称, else the first 〜名称 that is not the operator's (法人の名称).
  std::optional<std::size_t> name_column() const {
    if (const auto exact = find({"名称"})) return exact;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      const auto& k = keys_[i];
      if (k.ends_with("名称") && !k.starts_with("法人") && !k.starts_with("団体")) return i;
    }
    return std::nullopt;
  }
  const std::string& key(std::size_t i) const { return keys_[i]; }

 private:
  std::vector<std::string> keys_;
};

struct Row {
  const CsvRow& row;
  std::string operator()(std::optional<std::size_t> column) const {
    if (!column || *column >= row.cells.size()) return {};
    return text::trim(row.cells[*column]);
  }
};

std::string label(std::string_view register_name, std::string_view field) { return domain::register_spec(register_name).field(field)->label; }

// Where each field goes in the table handed to the import: in the column of the file it is read
// from, so that the import's 「5行目 16列目（緯度）」 names the file's own column. A field made from
// no column of the file (a 分類 chosen on the page), or from one another field took, goes after
// the file's last column.
class Placement {
 public:
  explicit Placement(std::size_t width) : next_(width) {}
  void add(std::string heading, std::initializer_list<std::optional<std::size_t>> sources) {
    std::optional<std::size_t> at;
    for (const auto& s : sources) {
      if (s && !taken(*s)) {
        at = s;
        break;
      }
    }
    if (!at) at = next_++;
    positions_.push_back(*at);
    if (header_.size() <= *at) header_.resize(*at + 1);
    header_[*at] = std::move(heading);
  }
  const std::vector<std::string>& header() const { return header_; }
  // The cells of a row whose values are in the order the fields were added.
  std::vector<std::string> row(std::vector<std::string> values) const {
    std::vector<std::string> cells(header_.size());
    for (std::size_t i = 0; i < values.size() && i < positions_.size(); ++i) cells[positions_[i]] = std::move(values[i]);
    return cells;
  }

 private:
  bool taken(std::size_t column) const { return std::find(positions_.begin(), positions_.end(), column) != positions_.end(); }
  std::vector<std::size_t> positions_;
  std::vector<std::string> header_;
  std::size_t next_;
};

std::vector<std::string> utf8_chars(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// 利用可能曜日 as files write it: 月火水木金, 月・水・金, 月曜日、木曜日, 月〜金, 平日, 毎日. Empty when
// the text says something else (祝日 …), which is then kept as a note.
std::optional<std::uint8_t> parse_weekdays(std::string text) {
  text = text::nfkc(text::trim(text));
  if (text.empty()) return std::uint8_t{0};
  replace_all(text, "曜日", "");
  replace_all(text, "曜", "");
  replace_all(text, "平日", "月火水木金");
  for (const char* all : {"毎日", "全日", "年中無休"}) replace_all(text, all, "月火水木金土日");
  std::uint8_t mask = 0;
  std::optional<int> previous;
  bool range = false;
  for (const auto& ch : utf8_chars(text)) {
    int day = -1;
    for (int d = 0; d < 7; ++d) {
      if (ch == domain::weekday_name(d)) day = d;
    }
    if (day >= 0) {
      if (range && previous) {
        for (int d = *previous; d != day; d = (d + 1) % 7) mask |= static_cast<std::uint8_t>(1u << d);
      }
      mask |= static_cast<std::uint8_t>(1u << day);
      previous = day;
      range = false;
    } else if (ch == "~" || ch == "〜" || ch == "-" || ch == "－" || ch == "ー" || ch == "–") {
      range = true;
    } else if (ch != "・" && ch != "、" && ch != "," && ch != " " && ch != "/") {
      return std::nullopt;
    }
  }
  return mask;
}

// 07:00, 7:00, ７：００, 7時, 7時30分.
std::optional<int> parse_time(const std::string& raw) {
  const auto t = text::nfkc(text::trim(raw));
  int h = 0, m = 0;
  std::size_t i = 0;
  auto number = [&](int& out) {
    const auto start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9' && i - start < 2) out = out * 10 + (t[i++] - '0');
    return i > start;
  };
  if (!number(h)) return std::nullopt;
  if (t.compare(i, 1, ":") == 0) {
    ++i;
    if (!number(m) || t.size() - i != 0) return std::nullopt;
  } else if (t.compare(i, 3, "時") == 0) {
    i += 3;
    if (i < t.size()) {
      if (!number(m) || t.substr(i) != "分") return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

struct When {
  std::string schedule;  // the product's schedule text, or empty
  std::vector<std::string> notes;  // what it cannot hold, for 活動内容
};

When when_of(const std::string& weekdays_text, const std::string& start_text, const std::string& end_text, const std::string& note) {
  When out;
  const auto mask = parse_weekdays(weekdays_text);
  // Our own export writes a schedule the weekday form cannot hold as it is, with the same days.
  if (!note.empty()) {
    const auto parsed = domain::parse_schedule(note);
    if (parsed.schedule && !parsed.schedule->rules.empty() && (!mask || *mask == 0 || *mask == parsed.schedule->weekday_mask())) {
      out.schedule = domain::format_schedule(*parsed.schedule);
      return out;
    }
  }
  const auto start = parse_time(start_text);
  const auto end = parse_time(end_text);
  const bool times = start && end && *end > *start;
  if (mask && *mask != 0) {
    domain::ScheduleRule rule;
    rule.weekdays = *mask;
    if (times) {
      rule.start_minute = start;
      rule.end_minute = end;
    }
    domain::Schedule schedule;
    schedule.rules.push_back(rule);
    out.schedule = domain::format_schedule(schedule);
  } else if (!weekdays_text.empty()) {
    out.notes.push_back("利用できる曜日: " + weekdays_text);
  }
  if (!times && (!start_text.empty() || !end_text.empty())) {
    out.notes.push_back(fmt::format("利用できる時間: {}〜{}", start_text, end_text));
  } else if (times && (!mask || *mask == 0)) {
    out.notes.push_back(fmt::format("利用できる時間: {}〜{}", start_text, end_text));
  }
  if (!note.empty()) out.notes.push_back("利用できる日時について: " + note);
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// A municipality's code: 6 digits (or 5 without the check digit), not a prefecture's (xx000).
std::optional<std::string> municipality_code(const std::string& raw) {
  const auto code = text::nfkc(raw);
  if ((code.size() != 6 && code.size() != 5) || code.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (code.substr(2, 3) == "000") return std::nullopt;
  return code.substr(0, 5);
}

// Whether the address names the municipality first (after its prefecture, if written).
bool address_in(std::string address, const std::string& city) {
  address = text::nfkc(address);
  for (const char* suffix : {"都", "道", "府", "県"}) {
    const auto at = address.find(suffix);
    if (at != std::string::npos && at <= 12 && address.substr(at + 3).starts_with(city)) return true;
  }
  return address.starts_with(city);
}

// The area a generalised venue's note names: 「下大島（八幡地区）」 → {下大島, 八幡}; 「八幡地区」 → {"", 八幡}.
std::pair<std::string, std::string> approximate_area(const std::string& remarks) {
  auto rest = remarks.substr(kApproximatePlace.size());
  const std::string open = "（", close = "）";
  if (!rest.starts_with(open)) return {};
  int depth = 0;
  std::size_t end = std::string::npos;
  for (std::size_t i = 0; i < rest.size();) {
    if (rest.compare(i, open.size(), open) == 0) {
      ++depth;
      i += open.size();
    } else if (rest.compare(i, close.size(), close) == 0) {
      if (--depth == 0) {
        end = i;
        break;
      }
      i += close.size();
    } else {
      ++i;
    }
  }
  if (end == std::string::npos) return {};
  const auto area = rest.substr(open.size(), end - open.size());
  const std::string district_suffix = "地区";
  const auto inner = area.find(open);
  if (inner != std::string::npos && area.ends_with(district_suffix + close)) {
    const auto district = area.substr(inner + open.size(), area.size() - inner - open.size() - close.size() - district_suffix.size());
    return {area.substr(0, inner), district};
  }
  if (area.ends_with(district_suffix)) return {"", area.substr(0, area.size() - district_suffix.size())};
  return {area, ""};
}

}  // namespace

JpResources read_jp_resources(std::string_view bytes, const JpResourceOptions& options) {
  if (bytes.empty()) throw Error(ErrorKind::invalid, "CSVファイルを選んでください", "file");
  auto source = read_csv(bytes);
  if (source.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です", "file");
  const Header header(source.rows.front().cells);
  const auto name_col = header.name_column();
  if (!name_col) {
    throw Error(ErrorKind::invalid,
                "1行目（見出し）に「名称」の列がありません。自治体標準オープンデータセット（公共施設一覧など）か推奨データセットの形の CSV を選んでください",
                "file");
  }
  JpResources out;
  out.table.encoding = source.encoding;
  out.name_column = source.rows.front().cells[*name_col];
  const bool current = header.has("全国地方公共団体コード") || header.has("所在地_連結表記");
  out.layout = current ? "自治体標準オープンデータセット" : header.has("都道府県コード又は市区町村コード") || header.has("住所")
                                                        ? "推奨データセット（旧）"
                                                        : "名称の列のある CSV";
  const auto kana_col = header.find({header.key(*name_col) + "_カナ", "名称_カナ", "ふりがな", "フリガナ"});
  const auto c = [&](std::initializer_list<std::string_view> names) { return header.find(names); };
  const auto code_cols = {c({"所在地_全国地方公共団体コード"}), c({"全国地方公共団体コード"}), c({"都道府県コード又は市区町村コード"})};
  const auto city_col = c({"所在地_市区町村", "市区町村名"});
  const auto id_col = c({"ID", "NO"});
  const auto joined_address = c({"所在地_連結表記"});
  const auto address_parts = {c({"所在地_都道府県"}), c({"所在地_市区町村"}), c({"所在地_町字"}), c({"所在地_番地以下"})};
  const auto old_address = c({"住所"});
  const auto building = c({"建物名等(方書)", "方書"});
  const auto lat = c({"緯度"}), lng = c({"経度"});
  const auto phone = c({"電話番号"}), extension = c({"内線番号"}), fax = c({"FAX番号"}), email = c({"連絡先メールアドレス"});
  const auto contact_note = c({"連絡先備考(その他、SNSなど)", "連絡先備考"});
  const auto postal = c({"郵便番号"});
  const auto operator_col = c({"団体名", "法人の名称", "法人名称", "運営団体名"});
  const auto weekdays = c({"利用可能曜日"}), start = c({"開始時間"}), end = c({"終了時間"});
  const auto time_note = c({"利用可能時間特記事項", "利用可能日時特記事項", "利用可能曜日特記事項"});
  const auto description = c({"説明"}), kind = c({"種別", "実施サービス"}), url = c({"URL"}), remarks = c({"備考"});
  const auto category = c({"分類"}), district = c({"地区"}), neighbourhood = c({"町内会・町丁目"}), status = c({"状態"});
  const auto fee = c({"参加費・利用料"}), eligibility = c({"対象・参加できる人"});

  const auto r = reg::resources;
  Placement place(source.rows.front().cells.size());
  place.add(label(r, "name"), {name_col});
  place.add(label(r, "kana"), {kana_col});
  place.add(label(r, "category_id"), {category});
  place.add(label(r, "operator_name"), {operator_col});
  place.add(label(r, "district_id"), {district});
  place.add(label(r, "neighbourhood_id"), {neighbourhood});
  place.add(label(r, "postal_code"), {postal});
  place.add(label(r, "address"), {joined_address, old_address, *address_parts.begin()});
  place.add(label(r, "latitude"), {lat});
  place.add(label(r, "longitude"), {lng});
  place.add(label(r, "schedule"), {weekdays, start, time_note});
  place.add(label(r, "fee"), {fee});
  place.add(label(r, "eligibility"), {eligibility});
  place.add(label(r, "public_contact"), {phone, contact_note, email});
  place.add(label(r, "status"), {status});
  place.add(label(r, "private_venue"), {remarks});
  place.add(label(r, "description"), {description, kind, remarks});
  place.add(label(r, "open_data_id"), {id_col});
  out.table.rows.push_back({1, place.header()});
  for (std::size_t i = 1; i < source.rows.size(); ++i) {
    const Row cell{source.rows[i]};
    bool blank = true;
    for (const auto& v : source.rows[i].cells) blank = blank && text::trim(v).empty();
    if (blank) continue;

    std::string address = cell(joined_address);
    if (address.empty()) address = cell(old_address);
    if (address.empty()) {
      for (const auto& part : address_parts) address += cell(part);
    }
    // Some files repeat the building in the joined address, others only in its own column.
    if (const auto b = cell(building); !b.empty() && !address.empty() && address.find(b) == std::string::npos) address += " " + b;
    address = text::ascii_digits_and_dashes(address);

    if (!options.city_code.empty() || !options.city_name.empty()) {
      std::optional<std::string> code;
      for (const auto& col : code_cols) {
        if (!code) code = municipality_code(cell(col));
      }
      const auto wanted = municipality_code(options.city_code);
      bool ours = true;
      if (code && wanted) ours = *code == *wanted;
      else if (const auto city = cell(city_col); !city.empty() && !options.city_name.empty()) ours = text::nfkc(city) == text::nfkc(options.city_name);
      else if (!address.empty() && !options.city_name.empty()) ours = address_in(address, options.city_name);
      if (!ours) {
        ++out.other_cities;
        continue;
      }
    }

    std::vector<std::string> notes;
    const auto when = when_of(cell(weekdays), cell(start), cell(end), cell(time_note));
    std::string latitude = text::nfkc(cell(lat)), longitude = text::nfkc(cell(lng));
    std::string district_name = cell(district), neighbourhood_name = cell(neighbourhood), private_venue;
    const auto remark = cell(remarks);
    if (remark.starts_with(kApproximatePlace)) {
      // A place published as approximate stays private here: its point is the area's, and the
      // area is kept so that the same approximate place is shown again.
      private_venue = "はい";
      latitude.clear();
      longitude.clear();
      const auto [town, area_district] = approximate_area(remark);
      if (district_name.empty()) district_name = area_district;
      // The 町丁目 whose point was given stands in for the hidden address, so the same point is
      // found again; without one, the area named when no 町内会 is.
      if (const auto at = remark.find(kPointOfTown); at != std::string::npos) {
        const auto from = at + kPointOfTown.size();
        const auto to = remark.find(kPointOfTownEnd, from);
        if (to != std::string::npos && address.empty()) address = remark.substr(from, to - from);
      }
      if (neighbourhood_name.empty() && address.empty()) address = town;
    }
    std::string phone_text = text::nfkc(cell(phone));
    if (const auto x = text::nfkc(cell(extension)); !x.empty()) phone_text += "（内線 " + x + "）";
    const auto fax_text = text::nfkc(cell(fax));
    const auto contact = join({cell(contact_note), phone_text, fax_text.empty() ? "" : "FAX " + fax_text, cell(email)}, " ");

    const auto kind_text = cell(kind);
    const auto url_text = cell(url);
    std::vector<std::string> about = {cell(description)};
    if (!kind_text.empty()) about.push_back(source.rows.front().cells[*kind] + ": " + kind_text);
    about.insert(about.end(), when.notes.begin(), when.notes.end());
    if (!url_text.empty()) about.push_back("URL: " + url_text);
    if (!remark.empty() && private_venue.empty()) about.push_back(remark);

    const auto category_name = cell(category).empty() ? options.category : cell(category);
    const auto status_text = cell(status).empty() ? std::string(domain::status::active) : cell(status);
    out.table.rows.push_back({source.rows[i].line,
                              place.row({cell(name_col), text::katakana_to_hiragana(text::nfkc(cell(kana_col))), category_name, cell(operator_col),
                                         district_name, neighbourhood_name, text::nfkc(cell(postal)), address, latitude, longitude, when.schedule,
                                         cell(fee), cell(eligibility), contact, status_text, private_venue, join(about, "\n"), cell(id_col)})});
  }
  return out;
}

CsvTable read_jp_population(std::string_view bytes) {
  if (bytes.empty()) throw Error(ErrorKind::invalid, "CSVファイルを選んでください", "file");
  auto source = read_csv(bytes);
  if (source.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です", "file");
  const Header header(source.rows.front().cells);
  const auto area = header.find({"地域名"});
  const auto surveyed = header.find({"調査年月日", "調査年"});
  if (!area || !surveyed) {
    throw Error(ErrorKind::invalid, "1行目（見出し）に「地域名」と「調査年月日」の列がありません。地域・年齢別人口の形の CSV を選んでください", "file");
  }
  const auto total = header.find({"総人口"}), households = header.find({"世帯数"}), remarks = header.find({"備考"});
  const auto aged65 = header.find({"65歳以上人口", "65歳以上"}), aged75 = header.find({"75歳以上人口", "75歳以上"});
  // The 5-year bands by sex from 65 and from 75.
  std::vector<std::optional<std::size_t>> from65, from75;
  const std::pair<const char*, bool> bands[] = {{"65-69歳", false}, {"70-74歳", false}, {"75-79歳", true}, {"80-84歳", true}, {"85歳以上", true}};
  for (const auto& [band, over75] : bands) {
    for (const char* sex : {"の男性", "の女性"}) {
      const auto col = header.find({std::string(band) + sex});
      from65.push_back(col);
      if (over75) from75.push_back(col);
    }
  }
  const auto sum = [](const Row& cell, const std::vector<std::optional<std::size_t>>& cols) -> std::string {
    std::int64_t added = 0;
    for (const auto& col : cols) {
      if (!col) return {};
      auto v = text::nfkc(cell(col));
      replace_all(v, ",", "");
      if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos) return {};  // unknown stays unknown
      added += std::stoll(v);
    }
    return std::to_string(added);
  };
  const auto f = reg::district_figures;
  Placement place(source.rows.front().cells.size());
  place.add(label(f, "district_id"), {area});
  place.add(label(f, "year"), {surveyed});
  place.add(label(f, "population"), {total});
  place.add(label(f, "households"), {households});
  place.add(label(f, "aged_65"), {aged65, from65.front()});
  place.add(label(f, "aged_75"), {aged75, from75.front()});
  place.add(label(f, "source"), {remarks});
  CsvTable out;
  out.encoding = source.encoding;
  out.rows.push_back({1, place.header()});
  for (std::size_t i = 1; i < source.rows.size(); ++i) {
    const Row cell{source.rows[i]};
    bool blank = true;
    for (const auto& v : source.rows[i].cells) blank = blank && text::trim(v).empty();
    if (blank) continue;
    auto year = text::nfkc(cell(surveyed));
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos) {
      if (const auto iso = domain::parse_date_input(year)) {
        if (const auto date = dates::parse_iso(*iso)) year = std::to_string(dates::fiscal_year_of(*date));
      }
    }
    const auto a65 = cell(aged65).empty() ? sum(cell, from65) : cell(aged65);
    const auto a75 = cell(aged75).empty() ? sum(cell, from75) : cell(aged75);
    out.rows.push_back({source.rows[i].line, place.row({cell(area), year, cell(total), cell(households), a65, a75, cell(remarks)})});
  }
  return out;
}

}  // namespace sasaeai::io
