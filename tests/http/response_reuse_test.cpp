// Answers given again while the data is unchanged (web/response_cache.hpp) are exactly what the
// handler would compute: a change through the server, or by another process on the same
// database file, shows on the next request, and callers with other rights never get each
// other's answers.
#include <gtest/gtest.h>

#include <string>

#include "domain/registers.hpp"
#include "http/test_server.hpp"
#include "store/store.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ResponseReuseTest : public ServerTest {
 protected:
  std::int64_t total(httplib::Client& c, const std::string& path) const {
    auto body = json_of(c.Get(path.c_str()));
    return body.value("total", std::int64_t{-1});
  }
};

TEST_F(ResponseReuseTest, AChangeThroughTheServerShowsOnTheNextRequest) {
  auto admin = client();
  auto visitor = client_as("");
  const std::string api = "/api/v1/resources?q=%E5%86%8D%E5%88%A9%E7%94%A8%E7%A2%BA%E8%AA%8D";  // 再利用確認
  const std::string portal = "/sagasu?q=%E5%86%8D%E5%88%A9%E7%94%A8%E7%A2%BA%E8%AA%8D";
  ASSERT_EQ(total(visitor, api), 0);
  ASSERT_EQ(total(visitor, api), 0);  // the same answer again, from the cache
  auto before = visitor.Get(portal.c_str());
  ASSERT_EQ(before->status, 200);
  EXPECT_EQ(before->body.find("再利用確認サロン"), std::string::npos);

  const auto city = json_of(admin.Get("/api/v1/municipalities?per_page=1"))["items"][0]["id"].get<std::int64_t>();
  const auto category = json_of(admin.Get("/api/v1/resource-categories?per_page=1"))["items"][0]["id"].get<std::int64_t>();
  auto created = admin.Post("/api/v1/resources",
                            json{{"municipality_id", city}, {"name", "再利用確認サロン"}, {"category_id", category}, {"status", "活動中"},
                                 {"district_id", find_id("districts", "name", "八幡")}}
                                .dump(),
                            "application/json");
  ASSERT_EQ(created->status, 201) << created->body;

  EXPECT_EQ(total(visitor, api), 1);
  EXPECT_NE(visitor.Get(portal.c_str())->body.find("再利用確認サロン"), std::string::npos);
}

TEST_F(ResponseReuseTest, AChangeByAnotherProcessShowsOnTheNextRequest) {
  auto visitor = client_as("");
  const std::string path = "/api/v1/resources?per_page=0";
  ASSERT_EQ(visitor.Get(path.c_str())->body.find("別経路で変えた名前"), std::string::npos);
  ASSERT_EQ(visitor.Get(path.c_str())->body.find("別経路で変えた名前"), std::string::npos);  // kept
  // A second store on the same file stands for another process (a restore, a command-line load).
  auto other = sasaeai::test::open_test_store(temp_dir().file("http.db"));
  other->write([&](store::WriteTx& tx) {
    const auto& spec = domain::register_spec(domain::reg::resources);
    store::ListQuery first;
    first.limit = 1;
    auto row = tx.list(spec, first).rows.at(0);
    row.values["name"] = std::string("別経路で変えた名前");
    tx.update(spec, row.id, row);
  });
  EXPECT_NE(visitor.Get(path.c_str())->body.find("別経路で変えた名前"), std::string::npos);
}

TEST_F(ResponseReuseTest, CallersWithOtherRightsNeverGetEachOthersAnswer) {
  auto admin = client();
  const auto toyooka = find_id("districts", "name", "豊岡");
  auto made = admin.Post("/api/v1/supporters",
                         json{{"name", "再利用確認花子"}, {"kana", "さいりようかくにんはなこ"}, {"district_id", toyooka}, {"phone", "099-555-7777"},
                              {"status", "活動中"}}
                             .dump(),
                         "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  const std::string path = "/api/v1/supporters?per_page=0";
  // The administrator's answer first, so a shared entry would be the one with the phone number.
  for (int round = 0; round < 2; ++round) {
    EXPECT_NE(admin.Get(path.c_str())->body.find("099-555-7777"), std::string::npos);
    for (const char* login : {"yawata-sc", "yawata-iin", "etsuran"}) {
      auto res = client_as(login).Get(path.c_str());
      ASSERT_TRUE(res) << login;
      EXPECT_EQ(res->body.find("099-555-7777"), std::string::npos) << login;
    }
    auto visitor = client_as("").Get(path.c_str());
    ASSERT_TRUE(visitor);
    EXPECT_EQ(visitor->body.find("099-555-7777"), std::string::npos);
  }
}

TEST_F(ResponseReuseTest, APageIsNotGivenToAVisitorAfterASignedInCaller) {
  auto signed_in = client_as("sc1").Get("/sagasu");
  ASSERT_EQ(signed_in->status, 200);
  auto visitor = client_as("").Get("/sagasu");
  ASSERT_EQ(visitor->status, 200);
  EXPECT_NE(signed_in->body, visitor->body);  // the signed-in page has the staff menu
  EXPECT_EQ(visitor->body.find("ダッシュボード"), std::string::npos);
}

TEST_F(ResponseReuseTest, AKeptAnswerIsSentCompressedToThoseWhoAcceptGzipAndPlainToOthers) {
  auto plain = client_as("");
  auto gzip = client_as("");
  gzip.set_decompress(false);
  const std::string path = "/sagasu";
  const auto first = plain.Get(path.c_str());
  ASSERT_EQ(first->status, 200);
  const auto compressed = gzip.Get(path.c_str(), {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(compressed->status, 200);
  EXPECT_EQ(compressed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(compressed->body.size(), first->body.size() / 2);
  auto decompressing = client_as("");
  const auto decompressed = decompressing.Get(path.c_str(), {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(decompressed->body, first->body);
  const auto again = plain.Get(path.c_str());
  EXPECT_TRUE(again->get_header_value("Content-Encoding").empty());
  EXPECT_EQ(again->body, first->body);
}

}  // namespace
}  // namespace sasaeai::test
