#pragma once
// Publications at the HTTP edge: every PDF route hands its build to the job runner
// (report/jobs.hpp) instead of building on the request thread. A browser is sent to the progress
// page (/publications/jobs/{id}), which refreshes itself until the file is ready and offers a
// cancel button; a client that asks with ?wait=1 gets the PDF itself once built (or 503 with
// Retry-After when it takes longer than the wait).
#include <httplib.h>

#include <string>

#include "report/jobs.hpp"
#include "web/handlers/context.hpp"

namespace sasaeai::web {

// Who may share a job: callers who see the same document (role and districts, or the public).
std::string publication_viewer(const app::Actor& actor);

// Starts (or joins) the build of `document` and answers as described above. The caller has
// decided the actor may read what the document shows (the build reads through app/ as the
// actor as well).
void publish(Context& ctx, const Caller& caller, const httplib::Request& req, httplib::Response& res, const std::string& document,
             std::string title, report::Jobs::Build build);

void send_pdf(httplib::Response& res, const report::Publication& publication);

void add_publication_job_pages(RouteTable& server, Context& ctx);

}  // namespace sasaeai::web
