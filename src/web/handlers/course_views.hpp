#pragma once
// Training courses (養成講座) on pages: the attendance sheet of a course, and the sections the
// course's and a supporter's record pages add (who became a サービスの担い手 through the course;
// the courses a supporter took).
#include <nlohmann/json.hpp>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

void add_course_pages(RouteTable& server, Context& ctx);

// Adds a register's own sections to its record page view (training courses, supporters); other
// registers are left as they are.
// `req`: for the notice of a saved sheet.
void add_course_sections(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, const domain::Record& record, nlohmann::json& view,
                         const httplib::Request& req);

}  // namespace sasaeai::web
