// The authorisation table of docs/security.md, rule by rule.
#include "app/policy.hpp"

#include <gtest/gtest.h>

#include "domain/registers.hpp"

namespace sasaeai::app {
namespace {

using domain::Role;
constexpr domain::Id kYawata = 4, kToyooka = 21;

Actor as(Role role, std::vector<domain::Id> districts = {}) {
  domain::Account a;
  a.id = 1;
  a.login = "x";
  a.role = role;
  a.districts = std::move(districts);
  return Actor::of(a, "127.0.0.1");
}

const domain::RegisterSpec& resources() { return domain::register_spec(domain::reg::resources); }

TEST(Policy, VisitorsReadOnlyPublicRegisters) {
  const auto visitor = Actor::visitor("1.2.3.4");
  EXPECT_TRUE(can_read(visitor, resources()));
  EXPECT_TRUE(can_read(visitor, domain::register_spec(domain::reg::resource_categories)));
  EXPECT_FALSE(can_read(visitor, domain::register_spec(domain::reg::councils)));
  EXPECT_FALSE(can_read(visitor, domain::register_spec(domain::reg::council_members)));
  EXPECT_FALSE(can_see_personal(visitor, kYawata));
  EXPECT_FALSE(can_change(visitor, resources(), kYawata));
}

TEST(Policy, CityWideRolesSeeAndChangeEverything) {
  for (auto role : {Role::admin, Role::city_coordinator}) {
    EXPECT_TRUE(can_see_personal(as(role), kToyooka));
    EXPECT_TRUE(can_change(as(role), resources(), std::nullopt));
  }
  EXPECT_TRUE(can_administer(as(Role::admin)));
  EXPECT_FALSE(can_administer(as(Role::city_coordinator)));
}

TEST(Policy, DistrictCoordinatorIsScopedToOwnDistricts) {
  const auto sc = as(Role::district_coordinator, {kYawata});
  EXPECT_TRUE(can_see_personal(sc, kYawata));
  EXPECT_FALSE(can_see_personal(sc, kToyooka));
  EXPECT_TRUE(can_change(sc, resources(), kYawata));
  EXPECT_FALSE(can_change(sc, resources(), kToyooka));
  EXPECT_FALSE(can_change(sc, resources(), std::nullopt));  // city-wide records
  EXPECT_FALSE(can_administer(sc));
}

TEST(Policy, CouncilMembersProposeButDoNotChange) {
  const auto member = as(Role::council_member, {kYawata});
  EXPECT_TRUE(can_read(member, domain::register_spec(domain::reg::councils)));
  EXPECT_FALSE(can_see_personal(member, kYawata));
  EXPECT_FALSE(can_change(member, resources(), kYawata));
  EXPECT_TRUE(can_propose(member, kYawata));
  EXPECT_FALSE(can_propose(member, kToyooka));
  EXPECT_FALSE(can_propose(as(Role::viewer), kYawata));
}

TEST(Policy, RequireSaysWhoIsMissingWhat) {
  try {
    require(Actor::visitor("x"), false, "閲覧");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthorized);
  }
  try {
    require(as(Role::viewer), false, "変更");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
}

}  // namespace
}  // namespace sasaeai::app
