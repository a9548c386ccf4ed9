#pragma once
// Request bodies with a Content-Encoding. cpp-httplib 0.11.4 inflates gzip and deflate bodies
// while it reads them, with no cap: its payload limit bounds the bytes on the wire, not what
// they inflate to, and chunked bodies or bodies without Content-Length have no limit at all.
// So the encoding is taken off the request before the library reads the body (the wire bytes
// then stay within the payload limit), and the body is inflated here, with the same limit on
// the inflated size, before any handler runs.
#include <httplib.h>

#include <cstddef>

namespace sasaeai::web {

// Before the body is read (the pre-routing handler). Returns 0 to go on, or the status to
// refuse the request with: 411 for a body without Content-Length (chunked or read until the
// connection closes), 415 for an encoding other than gzip or deflate.
int prepare_request_body(httplib::Request& req);

// Before a handler runs (the api() and html() wrappers): inflates a body set aside by
// prepare_request_body. Throws Error(payload_too_large) once the inflated size passes `limit`,
// without keeping what it inflated; Error(unsupported_media_type) for compressed forms (only
// JSON may be compressed); Error(bad_request) for data that does not inflate.
void inflate_request_body(const httplib::Request& req, std::size_t limit);

}  // namespace sasaeai::web
