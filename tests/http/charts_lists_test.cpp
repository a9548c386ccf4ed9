// Charts drawn on the server (with a title, a description and the numbers as text beside them),
// a district's own dashboard for its people, and the resource, council and district lists as
// CSV (through the registry, so personal fields follow the reader's role) and on paper.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

// The first server-drawn chart whose id is `id`: from its <svg …> to </svg>.
std::string chart_of(const std::string& page, const std::string& id) {
  const auto at = page.find("aria-labelledby=\"" + id + "-title " + id + "-desc\"");
  if (at == std::string::npos) return "";
  const auto open = page.rfind("<svg ", at);
  const auto close = page.find("</svg>", at);
  return page.substr(open, close - open + 6);
}

std::string own_section_of(const std::string& page) {
  const auto own = page.find("あなたの地区:");
  if (own == std::string::npos) return "";
  return page.substr(own, page.find("</section>", own) - own);
}

class ChartsListsTest : public ServerTest {
 protected:
  std::string get_ok(const std::string& login, const std::string& path) const {
    auto res = (login == "kanri" ? client() : client_as(login)).Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << login << " " << path;
    return res->body;
  }
  std::string district_id(const std::string& name) const { return std::to_string(find_id("districts", "name", name)); }
  // A resource of 八幡 with a staff-only contact, made once for the export tests.
  std::int64_t resource_with_contact() const {
    static std::int64_t id = 0;
    if (id) return id;
    const json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                       {"category_id", find_id("resource-categories", "name", "居場所・サロン")},
                       {"district_id", find_id("districts", "name", "八幡")},
                       {"name", "書き出し試験サロン"},
                       {"status", "活動中"},
                       {"contact_name", "書出 花子"},
                       {"contact_phone", "090-4444-7777"},
                       {"latitude", 36.33},
                       {"longitude", 139.0}};
    auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    id = json_of(res)["id"].get<std::int64_t>();
    return id;
  }
};

TEST_F(ChartsListsTest, TheCityDashboardDrawsAgingRateByDistrictBesideItsTable) {
  const auto page = get_ok("kanri", "/");
  const auto svg = chart_of(page, "aging-by-district");
  ASSERT_FALSE(svg.empty()) << "no aging-rate chart on the dashboard";
  EXPECT_TRUE(contains(svg, "role=\"img\""));
  EXPECT_TRUE(contains(svg, "<title id=\"aging-by-district-title\">地区ごとの高齢化率（各地区の最新年度）</title>"));
  EXPECT_TRUE(contains(svg, "<desc id=\"aging-by-district-desc\">26地区の高齢化率の横棒グラフ。最も高いのは"));
  EXPECT_TRUE(contains(svg, ">八幡</text>"));
  EXPECT_TRUE(contains(svg, "class=\"reference\""));  // the city's rate, dashed
  EXPECT_TRUE(contains(svg, ">市全体 "));
  EXPECT_FALSE(contains(svg, "（この地区）"));  // a city-wide reader has no district of their own
  // The text alternative: the district table right under it has the same rates.
  const auto after = page.substr(page.find(svg));
  EXPECT_TRUE(contains(after, "数値は下の「地区ごとの状況」の表の「高齢化率」の列にあります。"));
  EXPECT_TRUE(contains(after, "<th scope=\"col\" class=\"num\">高齢化率</th>"));
  EXPECT_FALSE(contains(page, "あなたの地区"));
}

TEST_F(ChartsListsTest, ADistrictPageShowsItsAgingRateOverTheYearsOrBesideTheCityAndItsLargestNeeds) {
  // 八幡 has figures of two years: a line with the city's rate as a dashed reference.
  const auto page = get_ok("kanri", "/districts/" + district_id("八幡"));
  const auto svg = chart_of(page, "district-aging");
  ASSERT_FALSE(svg.empty());
  EXPECT_TRUE(contains(svg, "class=\"svg-chart line-chart\""));
  EXPECT_TRUE(contains(svg, "<title id=\"district-aging-title\">八幡地区の高齢化率の推移</title>"));
  EXPECT_TRUE(contains(svg, "<desc id=\"district-aging-desc\">2015年度から2017年度までの折れ線グラフ。"));
  EXPECT_TRUE(contains(svg, ">2015年度</text>"));
  EXPECT_TRUE(contains(svg, ">2017年度</text>"));
  EXPECT_TRUE(contains(svg, "class=\"reference\""));
  // The numbers as a table under the drawing.
  const auto table = page.substr(page.find(svg) + svg.size(), 1200);
  EXPECT_TRUE(contains(table, "<caption>グラフの数値</caption>"));
  EXPECT_TRUE(contains(table, "<th scope=\"row\">2017年度</th><td class=\"num\">29.9%</td>"));

  // 榛名 has one year: its rate as a hatched bar beside the city's.
  const auto one = get_ok("kanri", "/districts/" + district_id("榛名"));
  const auto bar = chart_of(one, "district-aging");
  ASSERT_FALSE(bar.empty());
  EXPECT_TRUE(contains(bar, "class=\"svg-chart bar-chart\""));
  EXPECT_TRUE(contains(bar, "<title id=\"district-aging-title\">榛名地区の高齢化率と市全体</title>"));
  EXPECT_TRUE(contains(bar, "bar-highlight"));
  const auto one_table = one.substr(one.find(bar) + bar.size(), 1200);
  EXPECT_TRUE(contains(one_table, "<th scope=\"row\">市全体</th>"));
  EXPECT_TRUE(contains(one_table, "<th scope=\"row\">榛名（2015年度）</th>"));
  // The district's needs, when the demo has a table for it.
  const auto needs = chart_of(page, "district-needs");
  if (contains(page, "id=\"needs-chart-heading\"")) {
    ASSERT_FALSE(needs.empty());
    EXPECT_TRUE(contains(needs, "<title id=\"district-needs-title\">"));
    EXPECT_TRUE(contains(page.substr(page.find(needs)), "<th scope=\"col\" class=\"num\">対象人数</th>"));
  }
}

TEST_F(ChartsListsTest, ADistrictCoordinatorAndACouncilMemberSeeTheirDistrictFirst) {
  const auto id = district_id("八幡");
  for (const std::string login : {"yawata-sc", "yawata-iin"}) {
    const auto page = get_ok(login, "/");
    const auto own = page.find("あなたの地区: <a href=\"/districts/" + id + "\">八幡地区</a>");
    ASSERT_NE(own, std::string::npos) << login;
    // Before every city-wide section.
    EXPECT_LT(own, page.find("id=\"progress-heading\"")) << login;
    EXPECT_LT(own, page.find("id=\"districts-heading\"")) << login;
    const auto section = page.substr(own, page.find("</section>", own) - own);
    EXPECT_TRUE(contains(section, "協議体: <a href=\"/councils/")) << login;
    EXPECT_TRUE(contains(section, "段階: <strong class=\"stage stage-")) << login;
    EXPECT_TRUE(contains(section, "高齢化率 <strong>")) << login;
    EXPECT_TRUE(contains(section, "aria-labelledby=\"own-trend-" + id + "-title own-trend-" + id + "-desc\"")) << login;
    EXPECT_TRUE(contains(section, "<caption>グラフの数値</caption>")) << login;
    EXPECT_TRUE(contains(section, "<h3>社会資源（活動中 ")) << login;
    EXPECT_TRUE(contains(section, "<h3>サポーター</h3>")) << login;
    EXPECT_TRUE(contains(section, "href=\"/resources?district_id=" + id + "&amp;status=")) << login;
    EXPECT_TRUE(contains(section, "href=\"/needs?district_id=" + id + "\"")) << login;
    // Their district is marked in the city's chart by pattern and words, not colour alone.
    const auto city = chart_of(page, "aging-by-district");
    EXPECT_TRUE(contains(city, ">八幡（この地区）</text>")) << login;
    EXPECT_TRUE(contains(city, "bar-highlight")) << login;
  }
  // Only the coordinator (who edits records) is led to the roster.
  EXPECT_TRUE(contains(get_ok("yawata-sc", "/"), "href=\"/supporters?district_id=" + id + "\""));
  EXPECT_FALSE(contains(get_ok("yawata-iin", "/"), "href=\"/supporters?district_id=" + id + "\""));
}

TEST_F(ChartsListsTest, AProposalForTheDistrictShowsOnItsDashboard) {
  const auto resource = resource_with_contact();
  auto member = client_as("yawata-iin");
  EXPECT_FALSE(contains(get_ok("yawata-sc", "/"), "この地区の審査待ちの提案が"));
  // Proposed through the page form as a member would.
  auto sent = member.Post(("/resources/" + std::to_string(resource) + "/propose").c_str(), form({{"schedule", "毎週木曜 13:30-15:30"}}));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->status == 303 || sent->status == 302) << sent->status << sent->body.substr(sent->body.find("<main"), 1500);
  ASSERT_NE(own_section_of(get_ok("yawata-sc", "/")), "");
  const auto section = own_section_of(get_ok("yawata-sc", "/"));
  EXPECT_TRUE(contains(section, "この地区の審査待ちの提案が <strong>1</strong> 件")) << section.substr(0, 600);
  EXPECT_TRUE(contains(section, ">書き出し試験サロン</a>"));
  // The member who proposed it has nothing to decide: no such block on their dashboard.
  EXPECT_FALSE(contains(own_section_of(get_ok("yawata-iin", "/")), "この地区の審査待ちの提案"));
}

TEST_F(ChartsListsTest, ListsOfferCsvAndPrinting) {
  for (const std::string reg : {"resources", "councils", "districts"}) {
    const auto page = get_ok("yawata-sc", "/" + reg);
    EXPECT_TRUE(contains(page, "<form class=\"export-form\" method=\"get\" action=\"/" + reg + "/export.csv\">")) << reg;
    EXPECT_TRUE(contains(page, "<button type=\"submit\" class=\"button secondary\">CSVで保存</button>")) << reg;
    EXPECT_TRUE(contains(page, "formaction=\"/" + reg + "/export.xlsx\">Excel（XLSX）</button>")) << reg;
    EXPECT_TRUE(contains(page, "data-print hidden>印刷する</button>")) << reg;
    EXPECT_TRUE(contains(page, "<script src=\"/static/print.js\" defer></script>")) << reg;
    EXPECT_TRUE(contains(page, "<caption class=\"print-only\">")) << reg;
  }
  // The download keeps the list's search and filters (but not its page).
  const auto id = district_id("八幡");
  const auto filtered = get_ok("kanri", "/resources?district_id=" + id + "&page=1");
  const auto tools = filtered.substr(filtered.find("<form class=\"export-form\""), 600);
  EXPECT_TRUE(contains(tools, "<input type=\"hidden\" name=\"district_id\" value=\"" + id + "\">"));
  EXPECT_FALSE(contains(tools, "name=\"page\""));
  // Visitors are offered no download.
  EXPECT_FALSE(contains(client_as("").Get("/resources")->body, "CSVで保存"));
  // Every register's list downloads (neighbourhoods too), but a public list offers visitors nothing.
  EXPECT_TRUE(contains(get_ok("kanri", "/neighbourhoods"), "CSVで保存"));
  EXPECT_FALSE(contains(client_as("").Get("/districts")->body, "CSVで保存"));
  // The print rules: the list alone, headers repeated on every page.
  auto css = client_as("").Get("/static/style.css");
  ASSERT_EQ(css->status, 200);
  EXPECT_TRUE(contains(css->body, "table.list-table thead { display: table-header-group; }"));
}

TEST_F(ChartsListsTest, CsvOfTheListsFollowsTheReadersRole) {
  resource_with_contact();
  auto header_of = [](const std::string& body) { return io::read_csv(body).rows.at(0).cells; };
  auto has = [](const std::vector<std::string>& cells, const std::string& v) { return std::find(cells.begin(), cells.end(), v) != cells.end(); };

  // City-wide staff and the district's coordinator get the staff contact.
  for (const std::string login : {"kanri", "yawata-sc"}) {
    auto res = (login == "kanri" ? client() : client_as(login)).Get("/resources/export.csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << login << res->body.substr(0, 300);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"resources-utf8.csv\"");
    EXPECT_TRUE(has(header_of(res->body), "連絡先（担当者）")) << login;
    EXPECT_TRUE(contains(res->body, "書出 花子")) << login;
    EXPECT_TRUE(contains(res->body, "書き出し試験サロン")) << login;
  }
  // A council member, a read-only account: the same rows without personal columns or values.
  for (const std::string login : {"yawata-iin", "etsuran"}) {
    auto res = client_as(login).Get("/resources/export.csv");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << login;
    const auto header = header_of(res->body);
    EXPECT_TRUE(has(header, "名称")) << login;
    EXPECT_FALSE(has(header, "連絡先（担当者）")) << login;
    EXPECT_FALSE(has(header, "電話番号")) << login;
    EXPECT_FALSE(has(header, "内部メモ")) << login;
    EXPECT_TRUE(contains(res->body, "書き出し試験サロン")) << login;
    EXPECT_FALSE(contains(res->body, "書出 花子")) << login;
    EXPECT_FALSE(contains(res->body, "090-4444-7777")) << login;
  }
  // Visitors get no file.
  auto visitor = client_as("").Get("/resources/export.csv");
  ASSERT_TRUE(visitor);
  EXPECT_NE(visitor->status, 200);
  EXPECT_FALSE(contains(visitor->body, "書き出し試験サロン"));

  // Filters apply: another district's list does not have the 八幡 resource.
  auto other = client().Get(("/resources/export.csv?district_id=" + district_id("榛名")).c_str());
  ASSERT_EQ(other->status, 200);
  EXPECT_FALSE(contains(other->body, "書き出し試験サロン"));

  // Councils and districts, in Shift_JIS and XLSX too.
  auto councils = client_as("etsuran").Get("/councils/export.csv");
  ASSERT_EQ(councils->status, 200);
  EXPECT_TRUE(contains(councils->body, "八幡"));
  EXPECT_EQ(io::read_csv(councils->body).rows.size(), static_cast<std::size_t>(count("councils")) + 1);
  auto districts = client_as("etsuran").Get("/districts/export.csv?encoding=cp932");
  ASSERT_EQ(districts->status, 200);
  EXPECT_EQ(districts->get_header_value("Content-Type"), "text/csv; charset=Shift_JIS");
  const auto table = io::read_csv(districts->body);
  EXPECT_EQ(table.encoding, "Shift_JIS (CP932)");
  EXPECT_EQ(table.rows.size(), 27u);  // the header and 26 districts
  auto xlsx = client_as("etsuran").Get("/districts/export.xlsx");
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");

  // Each download is in the audit trail.
  auto audit = client().Get("/admin/audit");
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "社会資源の一覧"));
}

}  // namespace
}  // namespace sasaeai::test
