#pragma once
// The registers of what coordinators publish (registers_publications.cpp): case studies (事例)
// with their photos, and newsletters (SC通信, 協議体だより) with their articles and events.
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain {

// The kinds of newsletter (seed 000: SC通信; seed 003: 協議体だより).
inline constexpr std::string_view kScNewsletter = "SC通信";
inline constexpr std::string_view kCouncilNewsletter = "協議体だより";
const std::vector<std::string>& newsletter_kinds();

namespace reg {
inline constexpr std::string_view case_studies = "case-studies";
inline constexpr std::string_view case_study_photos = "case-study-photos";
inline constexpr std::string_view newsletters = "newsletters";
inline constexpr std::string_view newsletter_articles = "newsletter-articles";
inline constexpr std::string_view newsletter_events = "newsletter-events";
}  // namespace reg

}  // namespace sasaeai::domain
