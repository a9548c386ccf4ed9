#pragma once
// Every register of Sasaeai, declared once. To add a register: add its spec in registers.cpp and
// a migration in store/sqlite/migrations; routes, forms, JSON API and validation follow.
#include <string_view>
#include <vector>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

const std::vector<RegisterSpec>& all_registers();
const RegisterSpec* find_register(std::string_view name);
const RegisterSpec& register_spec(std::string_view name);  // throws Error(not_found)

// The items of a list field (「見守り、買い物」 or "見守り,買い物"), trimmed, empty ones dropped.
std::vector<std::string> split_list(const std::string& text);

// The kinds of supporters (seeds: 地域支え合いサポーター of two kinds, 介護予防サポーター and
// オレンジサポーター — 「3サポ」).
const std::vector<std::string>& supporter_kinds();
inline constexpr std::string_view kServiceProvider = "サービスの担い手";
// What a supporter can do (and what someone who wants to help offers in a consultation).
const std::vector<std::string>& supporter_skills();

// Where needs figures come from (seed 002: the care centre's tables, surveys, workshops …).
const std::vector<std::string>& need_sources();

namespace reg {
inline constexpr std::string_view municipalities = "municipalities";
inline constexpr std::string_view districts = "districts";
inline constexpr std::string_view district_figures = "district-figures";
inline constexpr std::string_view city_figures = "city-figures";
inline constexpr std::string_view neighbourhoods = "neighbourhoods";
inline constexpr std::string_view neighbourhood_figures = "neighbourhood-figures";
inline constexpr std::string_view town_areas = "town-areas";
inline constexpr std::string_view boundaries = "boundaries";
inline constexpr std::string_view small_areas = "small-areas";
inline constexpr std::string_view councils = "councils";
inline constexpr std::string_view council_members = "council-members";
inline constexpr std::string_view resource_categories = "resource-categories";
inline constexpr std::string_view resources = "resources";
inline constexpr std::string_view proposals = "proposals";
inline constexpr std::string_view need_categories = "need-categories";
inline constexpr std::string_view needs = "needs";
inline constexpr std::string_view need_headcounts = "need-headcounts";
inline constexpr std::string_view need_resource_links = "need-resource-links";
inline constexpr std::string_view need_individuals = "need-individuals";
inline constexpr std::string_view need_imports = "need-imports";
inline constexpr std::string_view supporters = "supporters";
inline constexpr std::string_view training_courses = "training-courses";
inline constexpr std::string_view course_participants = "course-participants";
inline constexpr std::string_view meeting_kinds = "meeting-kinds";
inline constexpr std::string_view meetings = "meetings";
inline constexpr std::string_view meeting_councils = "meeting-councils";
inline constexpr std::string_view working_groups = "working-groups";
inline constexpr std::string_view working_group_members = "working-group-members";
inline constexpr std::string_view founding_stages = "founding-stages";
inline constexpr std::string_view council_stages = "council-stages";
inline constexpr std::string_view goals = "goals";
inline constexpr std::string_view goal_measures = "goal-measures";
inline constexpr std::string_view calendar_feeds = "calendar-feeds";
inline constexpr std::string_view exchange_plans = "exchange-plans";
inline constexpr std::string_view exchange_sessions = "exchange-sessions";
inline constexpr std::string_view exchange_units = "exchange-units";
inline constexpr std::string_view consultations = "consultations";
inline constexpr std::string_view consultation_follow_ups = "consultation-follow-ups";
inline constexpr std::string_view introductions = "introductions";
inline constexpr std::string_view gathering_participants = "gathering-participants";
inline constexpr std::string_view venue_subsidies = "venue-subsidies";
inline constexpr std::string_view activity_types = "activity-types";
inline constexpr std::string_view partner_organisations = "partner-organisations";
inline constexpr std::string_view activity_logs = "activity-logs";
inline constexpr std::string_view supporter_hours = "supporter-hours";
}  // namespace reg

}  // namespace sasaeai::domain
