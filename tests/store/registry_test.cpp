// Use cases over a real SQLite database: the rules that need stored data.
#include "app/registry.hpp"

#include <gtest/gtest.h>

#include "domain/registers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("registry.db"));
    registry = std::make_unique<Registry>(*store);
    city = registry->create(admin, register_spec(reg::municipalities), {{"name", "高崎市"}, {"code", "102024"}}).id;
    yawata = create_district("八幡", "やわた");
    toyooka = create_district("豊岡", "とよおか");
    salon = registry->create(admin, register_spec(reg::resource_categories), {{"name", "居場所・サロン"}}).id;
  }

  Id create_district(const std::string& name, const std::string& kana) {
    return registry->create(admin, register_spec(reg::districts), {{"municipality_id", std::to_string(city)}, {"name", name}, {"kana", kana}}).id;
  }

  Record create_resource(const std::string& name, const std::string& schedule, Id district) {
    return registry->create(admin, register_spec(reg::resources), {{"municipality_id", std::to_string(city)},
                                                            {"name", name},
                                                            {"category_id", std::to_string(salon)},
                                                            {"district_id", std::to_string(district)},
                                                            {"schedule", schedule},
                                                            {"status", "活動中"}});
  }

  std::vector<FieldError> errors_of(const std::function<void()>& action) {
    try {
      action();
    } catch (const Error& e) {
      return e.fields();
    }
    ADD_FAILURE() << "expected an Error";
    return {};
  }

  test::TempDir dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Registry> registry;
  const Actor admin = Actor::system_actor("test");
  Id city = 0, yawata = 0, toyooka = 0, salon = 0;
};

TEST_F(RegistryTest, DuplicateNameInTheSameMunicipalityIsRejected) {
  auto errors = errors_of([&] { create_district("八幡", "やわた"); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].message, "同じ名前の地区がすでにあります");
}

TEST_F(RegistryTest, UpdatingARecordKeepsItsOwnNameValid) {
  auto updated = registry->update(admin, register_spec(reg::districts), yawata, {{"notes", "11町内会"}}, true);
  EXPECT_EQ(updated.text("name"), "八幡");
  EXPECT_EQ(updated.text("notes"), "11町内会");
}

TEST_F(RegistryTest, UnknownReferenceIsAFieldError) {
  auto errors = errors_of([&] {
    registry->create(admin, register_spec(reg::districts), {{"municipality_id", "999"}, {"name", "どこか"}});
  });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "municipality_id");
  EXPECT_NE(errors[0].message.find("登録されていません"), std::string::npos);
}

TEST_F(RegistryTest, NeighbourhoodMustLieInTheResourcesDistrict) {
  const auto n = registry->create(admin, register_spec(reg::neighbourhoods),
                                  {{"district_id", std::to_string(yawata)}, {"name", "剣崎町内会"}, {"kind", "町内会"}}).id;
  auto errors = errors_of([&] {
    registry->create(admin, register_spec(reg::resources), {{"municipality_id", std::to_string(city)},
                                                     {"name", "サロン"},
                                                     {"category_id", std::to_string(salon)},
                                                     {"district_id", std::to_string(toyooka)},
                                                     {"neighbourhood_id", std::to_string(n)},
                                                     {"status", "活動中"}});
  });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "neighbourhood_id");
}

TEST_F(RegistryTest, SearchIgnoresKanaAndWidth) {
  create_resource("いきいきサロン", "", yawata);
  create_resource("ふれあい食堂", "", yawata);
  ListRequest request;
  request.query = "イキイキ";
  auto page = registry->list(admin, register_spec(reg::resources), request);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.rows[0].text("name"), "いきいきサロン");
  request.query = "ｻﾛﾝ";
  EXPECT_EQ(registry->list(admin, register_spec(reg::resources), request).total, 1);
}

TEST_F(RegistryTest, SearchFindsTheDistrictByKanaToo) {
  ListRequest request;
  request.query = "ヤワタ";
  auto page = registry->list(admin, register_spec(reg::districts), request);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.rows[0].id, yawata);
}

TEST_F(RegistryTest, FiltersByWeekdayDistrictAndStatus) {
  create_resource("火曜サロン", "毎週火曜 10:00-12:00", yawata);
  create_resource("木曜サロン", "第2・第4木曜 13:30-15:00", yawata);
  create_resource("豊岡の火曜", "毎週火曜 13:00-15:00", toyooka);
  ListRequest request;
  request.weekday = "火";
  EXPECT_EQ(registry->list(admin, register_spec(reg::resources), request).total, 2);
  request.filters["district_id"] = std::to_string(yawata);
  auto page = registry->list(admin, register_spec(reg::resources), request);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.rows[0].text("name"), "火曜サロン");
  request = {};
  request.filters["status"] = "休止";
  EXPECT_EQ(registry->list(admin, register_spec(reg::resources), request).total, 0);
}

TEST_F(RegistryTest, ScheduleChangeUpdatesTheWeekdayFilter) {
  auto r = create_resource("サロン", "毎週火曜", yawata);
  registry->update(admin, register_spec(reg::resources), r.id, {{"schedule", "毎週金曜"}}, true);
  ListRequest request;
  request.weekday = "火";
  EXPECT_EQ(registry->list(admin, register_spec(reg::resources), request).total, 0);
  request.weekday = "金";
  EXPECT_EQ(registry->list(admin, register_spec(reg::resources), request).total, 1);
}

TEST_F(RegistryTest, BadFiltersNameTheParameter) {
  ListRequest request;
  request.filters["status"] = "ありえない";
  auto errors = errors_of([&] { registry->list(admin, register_spec(reg::resources), request); });
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "status");
  request = {};
  request.weekday = "はなきん";
  errors = errors_of([&] { registry->list(admin, register_spec(reg::resources), request); });
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "weekday");
}

TEST_F(RegistryTest, FullUpdateClearsFieldsThatAreNotSent) {
  auto r = create_resource("サロン", "毎週火曜", yawata);
  auto updated = registry->update(admin, register_spec(reg::resources), r.id,
                                  {{"municipality_id", std::to_string(city)}, {"name", "サロン改"}, {"category_id", std::to_string(salon)}, {"status", "休止"}},
                                  false);
  EXPECT_EQ(updated.text("name"), "サロン改");
  EXPECT_TRUE(domain::is_null(updated.get("district_id")));
  EXPECT_TRUE(domain::is_null(updated.get("schedule")));
}

TEST_F(RegistryTest, InvalidUpdateChangesNothing) {
  auto r = create_resource("サロン", "毎週火曜", yawata);
  errors_of([&] { registry->update(admin, register_spec(reg::resources), r.id, {{"name", ""}}, true); });
  EXPECT_EQ(registry->get(admin, register_spec(reg::resources), r.id).text("name"), "サロン");
}

TEST_F(RegistryTest, GetUnknownIdIsNotFound) {
  try {
    registry->get(admin, register_spec(reg::resources), 12345);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

}  // namespace
}  // namespace sasaeai::app

namespace sasaeai::app {
namespace {

TEST_F(RegistryTest, ListsSortByKanaFallingBackToTheName) {
  auto r1 = create_resource("ちょっとした助け合い", "", yawata);  // no ふりがな: sorts by its name
  registry->update(admin, register_spec(domain::reg::resources), r1.id, {{"kana", ""}}, true);
  auto r2 = create_resource("歴史探訪", "", yawata);
  registry->update(admin, register_spec(domain::reg::resources), r2.id, {{"kana", "れきしたんぼう"}}, true);
  auto r3 = create_resource("朝の体操", "", yawata);
  registry->update(admin, register_spec(domain::reg::resources), r3.id, {{"kana", "あさのたいそう"}}, true);
  ListRequest all;
  auto page = registry->list(admin, register_spec(domain::reg::resources), all);
  ASSERT_EQ(page.rows.size(), 3u);
  EXPECT_EQ(page.rows[0].text("name"), "朝の体操");
  EXPECT_EQ(page.rows[1].text("name"), "ちょっとした助け合い");
  EXPECT_EQ(page.rows[2].text("name"), "歴史探訪");
}

// The sort key is stored (a generated column with an index): an edit must move the record.
TEST_F(RegistryTest, AnUpdatedReadingOrNameMovesTheRecordInTheList) {
  const auto& spec = register_spec(domain::reg::resources);
  auto a = create_resource("朝の体操", "", yawata);
  registry->update(admin, spec, a.id, {{"kana", "あさのたいそう"}}, true);
  auto b = create_resource("歴史探訪", "", yawata);
  registry->update(admin, spec, b.id, {{"kana", "れきしたんぼう"}}, true);
  auto c = create_resource("ちょっとした助け合い", "", yawata);
  registry->update(admin, spec, c.id, {{"kana", ""}}, true);
  const auto order = [&] {
    std::vector<std::string> names;
    for (const auto& row : registry->list(admin, spec, ListRequest{}).rows) names.push_back(row.text("name"));
    return names;
  };
  ASSERT_EQ(order(), (std::vector<std::string>{"朝の体操", "ちょっとした助け合い", "歴史探訪"}));
  registry->update(admin, spec, a.id, {{"kana", "わかば"}}, true);
  EXPECT_EQ(order(), (std::vector<std::string>{"ちょっとした助け合い", "歴史探訪", "朝の体操"}));
  registry->update(admin, spec, c.id, {{"name", "んー最後"}}, true);  // no ふりがな: the name sorts
  EXPECT_EQ(order(), (std::vector<std::string>{"歴史探訪", "朝の体操", "んー最後"}));
  registry->update(admin, spec, c.id, {{"kana", "あ"}}, true);
  EXPECT_EQ(order(), (std::vector<std::string>{"んー最後", "歴史探訪", "朝の体操"}));
}

}  // namespace
}  // namespace sasaeai::app
