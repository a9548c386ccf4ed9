// Every demo role × every register with personal fields × every read surface: records are made
// with marker values in their personal fields, in the 第2層 coordinator's district (八幡) and in
// another (豊岡), and no response a role gets may carry a marker of a record it may not see.
// Registers and fields come from the declarations, so a new register is covered as it is added.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <zlib.h>

#include <cctype>

#include <cstring>
#include <string>
#include <vector>

#include "domain/registers.hpp"
#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using domain::FieldType;
using domain::RegisterSpec;
using nlohmann::json;

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

struct Made {
  const RegisterSpec* spec = nullptr;
  std::int64_t id = 0;
  bool own = false;  // in 八幡, the district of the demo 第2層 coordinator
  std::vector<std::string> markers;
  std::vector<std::string> personal_values;  // field=value pairs for filters on filterable fields
  std::vector<std::string> ignored_filters;  // the same for fields that are no filter: must not narrow
};

const std::vector<std::string> kRoles = {"", "etsuran", "yawata-iin", "yawata-sc", "sc1", "kanri"};

bool may_see(const std::string& login, const Made& m) {
  if (login == "kanri" || login == "sc1") return true;
  return login == "yawata-sc" && m.own;
}

bool personal_title(const RegisterSpec& spec) {
  const auto* f = spec.field(spec.title_field);
  return f && f->personal;
}

class DisclosureMatrixTest : public ServerTest {
 protected:
  void SetUp() override {
    if (!made.empty()) return;
    own_district = find_id("districts", "name", "八幡");
    other_district = find_id("districts", "name", "豊岡");
    int index = 0;
    for (const auto& spec : domain::all_registers()) {
      if (spec.internal || !spec.has_personal()) continue;
      ++index;
      for (const bool own : {true, false}) made.push_back(make(spec, index, own));
    }
    ASSERT_FALSE(made.empty());
  }

  static std::string role_name(const std::string& login) { return login.empty() ? "visitor" : login; }

  // A record of `target` in the district (or the district itself), made when there is none.
  std::int64_t pick(const RegisterSpec& target, std::int64_t district) {
    if (target.is_district) return district;
    auto items = json_of(client().Get(("/api/v1/" + target.name + "?per_page=0").c_str()))["items"];
    for (const auto& item : items) {
      if (!target.field("district_id") || item["district_id"] == district) return item["id"].get<std::int64_t>();
    }
    auto res = client().Post(("/api/v1/" + target.name).c_str(), body_for(target, district, 0, false, nullptr).dump(), "application/json");
    EXPECT_EQ(res->status, 201) << target.name << " " << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }

  // A valid record: required fields filled, the district set, personal fields holding markers
  // unique to (register, district, field) when `made` is given.
  json body_for(const RegisterSpec& spec, std::int64_t district, int index, bool own, Made* out) {
    static const char* kKana[] = {"あ", "い", "う", "え", "お", "か", "き", "く", "け", "こ"};
    json body = json::object();
    int n = 0;
    for (const auto& f : spec.fields) {
      ++n;
      const auto code = fmt::format("{}{}{:02}", index, own ? 1 : 0, n);
      if (f.personal && out && f.list_of_register.empty()) {
        std::vector<std::string> shown;
        switch (f.type) {
          case FieldType::text:
          case FieldType::long_text: shown = {"秘匿印" + code + "号"}; break;
          case FieldType::kana: {
            std::string kana = "ひみつ";
            for (char c : code) kana += kKana[c - '0'];
            shown = {kana + "ぬ"};
            break;
          }
          case FieldType::phone: shown = {fmt::format("099-8{}{}-{:02}77", index, own ? 1 : 0, n)}; break;
          case FieldType::email: shown = {"hm" + code + "z@example.jp"}; break;
          case FieldType::date: {
            const auto year = 1900 + 10 + index * 2 + (own ? 1 : 0);
            shown = {fmt::format("{}-02-{:02}", year, n % 28 + 1), fmt::format("{}年2月{}日", year, n % 28 + 1)};
            break;
          }
          default: break;
        }
        if (!shown.empty()) {
          body[f.name] = shown.front();
          (f.filterable ? out->personal_values : out->ignored_filters).push_back(f.name + "=" + url_encode(shown.front()));
          for (auto& s : shown) out->markers.push_back(std::move(s));
          continue;
        }
      }
      if (f.name == "district_id") {
        body[f.name] = district;
        continue;
      }
      // An introduction names exactly one of what was introduced: here a resource.
      const bool introduced = spec.name == "introductions" && f.name == "resource_id";
      if (f.type == FieldType::reference && (f.required || f.name == spec.parent_field || introduced)) {
        body[f.name] = pick(domain::register_spec(f.ref_register), district);
        continue;
      }
      if (!f.required) continue;
      if (f.name == "period") {  // the needs registers' 時点 must read as a month
        body[f.name] = "2026-01";
        continue;
      }
      if (spec.name == "supporter-hours" && f.name == "month") {  // one month, in any of its written forms
        body[f.name] = "令和8年1月";
        continue;
      }
      if (spec.name == "supporter-hours" && f.name == "hours") {  // more than 0 hours
        body[f.name] = "1.5";
        continue;
      }
      if (!f.list_of_register.empty()) {
        const auto& target = domain::register_spec(f.list_of_register);
        body[f.name] = json_of(client().Get(("/api/v1/" + target.name + "?per_page=1").c_str()))["items"][0][target.title_field];
        continue;
      }
      switch (f.type) {
        case FieldType::choice: body[f.name] = f.choices.front().value; break;
        case FieldType::kana: body[f.name] = "けんさ"; break;
        case FieldType::integer:
        case FieldType::decimal: body[f.name] = std::to_string(static_cast<long long>(f.min.value_or(1))); break;
        case FieldType::date: body[f.name] = "2026-01-01"; break;
        default: body[f.name] = fmt::format("検査{}-{}", spec.name, code); break;
      }
    }
    return body;
  }

  Made make(const RegisterSpec& spec, int index, bool own) {
    Made m;
    m.spec = &spec;
    m.own = own;
    const auto body = body_for(spec, own ? own_district : other_district, index, own, &m);
    auto res = client().Post(("/api/v1/" + spec.name).c_str(), body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << spec.name << " " << res->body;
    if (res->status == 201) m.id = json_of(res)["id"].get<std::int64_t>();
    return m;
  }

  // Fails for every marker of a record `login` may not see that `body` carries.
  static void expect_nothing_hidden(const std::string& login, const std::string& what, int status, const std::string& body) {
    const auto text = body.rfind("PK\x03\x04", 0) == 0 ? unzipped(body) : body;
    for (const auto& m : made) {
      if (may_see(login, m)) continue;
      for (const auto& marker : m.markers) {
        EXPECT_FALSE(contains(text, marker)) << role_name(login) << " " << what << " (" << status << ") shows 「" << marker << "」 of " << m.spec->name << " "
                                             << m.id;
      }
    }
  }

  // `typed`: what the reader typed into the page's search box, which the page shows back to them.
  void check(httplib::Client& c, const std::string& login, const std::string& path, const std::string& typed = {}) {
    auto res = c.Get(path.c_str());
    ASSERT_TRUE(res) << path;
    auto body = res->body;
    if (!typed.empty()) {
      const auto echo = "value=\"" + typed + "\"";
      for (auto at = body.find(echo); at != std::string::npos; at = body.find(echo)) body.erase(at, echo.size());
    }
    expect_nothing_hidden(login, "GET " + path, res->status, body);
  }

  // A search or filter on a hidden value must not find the record either.
  void check_not_found(httplib::Client& c, const std::string& login, const std::string& path, const Made& hidden) {
    auto res = c.Get(path.c_str());
    ASSERT_TRUE(res) << path;
    expect_nothing_hidden(login, "GET " + path, res->status, res->body);
    if (res->status != 200) return;
    const auto answer = json_of(res);  // named: a range-for over a temporary's member would dangle
    for (const auto& item : answer["items"]) {
      EXPECT_NE(item["id"].get<std::int64_t>(), hidden.id) << role_name(login) << " finds " << hidden.spec->name << " " << hidden.id << " by " << path;
    }
  }

  static inline std::vector<Made> made;
  static inline std::int64_t own_district = 0, other_district = 0;
};

TEST_F(DisclosureMatrixTest, MarkersAreStoredAndShownToThoseWhoMaySeeThem) {
  for (const auto& m : made) {
    ASSERT_NE(m.id, 0) << m.spec->name;
    ASSERT_FALSE(m.markers.empty()) << m.spec->name << " has personal fields but none took a marker";
    for (const std::string login : {"kanri", "sc1", "yawata-sc"}) {
      if (!may_see(login, m)) continue;
      const auto body = client_as(login).Get(fmt::format("/api/v1/{}/{}", m.spec->name, m.id).c_str())->body;
      EXPECT_TRUE(contains(body, m.markers.front())) << login << " " << m.spec->name << " " << body;
    }
  }
}

TEST_F(DisclosureMatrixTest, NoRoleReadsAHiddenMarkerFromAnyReadSurface) {
  for (const auto& login : kRoles) {
    auto c = client_as(login);
    if (!login.empty()) {
      check(c, login, "/");
      check(c, login, "/api/v1/overview");
    }
    for (const auto& spec : domain::all_registers()) {
      if (spec.internal || !spec.has_personal()) continue;
      const auto& name = spec.name;
      // The list pages and the list downloads (CSV, and Excel unzipped), where a register has them.
      for (const auto& path : {"/api/v1/" + name + "?per_page=0", "/" + name + "?per_page=0", "/" + name, "/" + name + "/export.csv",
                               "/" + name + "/export.xlsx"}) {
        check(c, login, path);
      }
      for (const auto& link : spec.list_links) check(c, login, link.href);
      for (const auto& m : made) {
        if (m.spec != &spec) continue;
        const auto id = std::to_string(m.id);
        for (const auto& path : {"/api/v1/" + name + "/" + id, "/" + name + "/" + id, "/" + name + "/" + id + "/edit", "/" + name + "/" + id + "/delete"}) {
          check(c, login, path);
        }
        // The pages of the records it belongs to (its council, neighbourhood, district …).
        const auto stored = json_of(client().Get(("/api/v1/" + name + "/" + id).c_str()));
        for (const auto& f : spec.fields) {
          if (f.type == FieldType::reference && stored[f.name].is_number()) {
            check(c, login, fmt::format("/{}/{}", f.ref_register, stored[f.name].get<std::int64_t>()));
          }
        }
        if (may_see(login, m)) continue;
        // A register without search ignores q= like a parameter that is no filter (checked below).
        for (const auto& marker : m.markers) {
          if (spec.has_search()) check_not_found(c, login, "/api/v1/" + name + "?per_page=0&q=" + url_encode(marker), m);
          check(c, login, "/" + name + "?q=" + url_encode(marker), marker);
        }
        for (const auto& filter : m.personal_values) check_not_found(c, login, "/api/v1/" + name + "?per_page=0&" + filter, m);
        // A parameter that is no filter is ignored: the answer is the whole list, so it tells nothing.
        const auto whole = json_of(c.Get(("/api/v1/" + name + "?per_page=0").c_str()));
        auto ignored = m.ignored_filters;
        if (!spec.has_search()) for (const auto& marker : m.markers) ignored.push_back("q=" + url_encode(marker));
        for (const auto& filter : ignored) {
          const auto answer = json_of(c.Get(("/api/v1/" + name + "?per_page=0&" + filter).c_str()));
          EXPECT_EQ(answer.value("total", -1), whole.value("total", -1)) << role_name(login) << " narrows " << name << " by " << filter;
        }
      }
    }
  }
}

TEST_F(DisclosureMatrixTest, WriteAnswersShowNoMoreThanReads) {
  for (const auto& login : kRoles) {
    auto c = client_as(login);
    // Unchanged updates of every record: the answer, or the refusal, carries nothing hidden.
    for (const auto& m : made) {
      auto res = c.Patch(fmt::format("/api/v1/{}/{}", m.spec->name, m.id).c_str(), "{}", "application/json");
      ASSERT_TRUE(res);
      expect_nothing_hidden(login, "PATCH " + m.spec->name, res->status, res->body);
    }
    // Records that name a person the role may not see: created, answered, updated and removed.
    for (const auto& spec : domain::all_registers()) {
      if (spec.internal) continue;
      for (const auto& f : spec.fields) {
        if (f.type != FieldType::reference || !personal_title(domain::register_spec(f.ref_register))) continue;
        for (const auto& m : made) {
          if (m.spec->name != f.ref_register || m.own) continue;
          auto body = body_for(spec, own_district, 0, true, nullptr);
          body[f.name] = m.id;
          auto created = c.Post(("/api/v1/" + spec.name).c_str(), body.dump(), "application/json");
          ASSERT_TRUE(created);
          expect_nothing_hidden(login, "POST " + spec.name, created->status, created->body);
          if (created->status != 201) continue;
          const auto path = fmt::format("/api/v1/{}/{}", spec.name, json_of(created)["id"].get<std::int64_t>());
          auto updated = c.Put(path.c_str(), body.dump(), "application/json");
          expect_nothing_hidden(login, "PUT " + spec.name, updated->status, updated->body);
          EXPECT_EQ(client().Delete((path + "?reason=test").c_str())->status, 204);
        }
      }
    }
  }
}

}  // namespace
}  // namespace sasaeai::test
