#pragma once
// The file of an import form: uploaded as "file", or, on the commit after a preview (which sends
// the file's text back, so the rows previewed are the rows imported), the form's "content".
#include <httplib.h>

#include <string>

#include "domain/value.hpp"

namespace sasaeai::web {

std::string uploaded_or_previewed(const httplib::Request& req, const domain::Input& form);

}  // namespace sasaeai::web
