// The read path of app/: a Disclosure shows personal fields by the reader's rights, rows::all
// never carries them, and neither lets a personal value be matched by a filter.
#include <gtest/gtest.h>

#include "app/disclosure.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

Actor signed_in(domain::Role role, std::vector<Id> districts = {}) {
  Actor a;
  a.anonymous = false;
  a.login = "test";
  a.role = role;
  a.districts = std::move(districts);
  return a;
}

class ReadPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("read_path.db"));
    Registry registry(*store);
    const auto city = registry.create(admin, register_spec(reg::municipalities), {{"name", "高崎市"}, {"code", "102024"}}).id;
    yawata = registry.create(admin, register_spec(reg::districts), {{"municipality_id", std::to_string(city)}, {"name", "八幡"}}).id;
    toyooka = registry.create(admin, register_spec(reg::districts), {{"municipality_id", std::to_string(city)}, {"name", "豊岡"}}).id;
    person = registry.create(admin, register_spec(reg::supporters),
                             {{"name", "秘匿花子"}, {"phone", "099-555-0303"}, {"district_id", std::to_string(toyooka)}, {"status", "活動中"}})
                 .id;
  }

  std::optional<Record> read_as(const Actor& actor) {
    std::optional<Record> out;
    store->read([&](store::ReadTx& tx) { out = Disclosure(tx, actor).get(register_spec(reg::supporters), person); });
    return out;
  }

  test::TempDir dir;
  std::unique_ptr<store::Store> store;
  const Actor admin = Actor::system_actor("test");
  Id yawata = 0, toyooka = 0, person = 0;
};

TEST_F(ReadPathTest, DisclosureShowsPersonalFieldsByTheReadersRights) {
  EXPECT_EQ(read_as(signed_in(domain::Role::city_coordinator))->text("phone"), "099-555-0303");
  EXPECT_EQ(read_as(signed_in(domain::Role::district_coordinator, {toyooka}))->text("name"), "秘匿花子");
  for (const auto& reader : {signed_in(domain::Role::district_coordinator, {yawata}), signed_in(domain::Role::viewer),
                             signed_in(domain::Role::council_member, {toyooka}), Actor::visitor("test")}) {
    const auto r = read_as(reader);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->personal_hidden);
    EXPECT_EQ(r->text("name"), "");
    EXPECT_EQ(r->text("phone"), "");
    EXPECT_EQ(r->text("status"), "活動中");  // public fields stay
  }
}

TEST_F(ReadPathTest, DisclosureRefusesPersonalFiltersAndCountsToThoseWhoMayNotSeeEveryRecord) {
  store->read([&](store::ReadTx& tx) {
    Disclosure reader(tx, signed_in(domain::Role::district_coordinator, {toyooka}));
    store::ListQuery by_phone;
    by_phone.equals = {{"phone", std::string("099-555-0303")}};
    EXPECT_THROW(reader.list(register_spec(reg::supporters), by_phone), Error);
    EXPECT_THROW(reader.count_by(register_spec(reg::supporters), "phone", store::ListQuery{}), Error);
    EXPECT_EQ(reader.count_by(register_spec(reg::supporters), "status", store::ListQuery{}).size(), 1u);
  });
}

TEST_F(ReadPathTest, RowsAllNeverCarriesPersonalValues) {
  store->read([&](store::ReadTx& tx) {
    const auto people = rows::all(tx, reg::supporters);
    ASSERT_EQ(people.size(), 1u);
    EXPECT_TRUE(people[0].personal_hidden);
    EXPECT_EQ(people[0].text("name"), "");
    EXPECT_EQ(people[0].text("phone"), "");
    EXPECT_EQ(people[0].integer("district_id"), toyooka);
    EXPECT_THROW(rows::all(tx, reg::supporters, {{"name", std::string("秘匿花子")}}), std::logic_error);
  });
}

}  // namespace
}  // namespace sasaeai::app
