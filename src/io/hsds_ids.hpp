#pragma once
// HSDS identifiers: every object of an Open Referral HSDS 3.0 export needs a UUID, and a consumer
// that fetches the directory twice must see the same one for the same thing. They are name-based
// (RFC 4122 version 5, SHA-1) from one fixed namespace and a name such as
// "102024/resource/17" — the municipality's code keeps two cities' ids apart in an aggregator.
#include <string>
#include <string_view>

namespace sasaeai::io::hsds {

// "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx", lower case.
std::string uuid_v5(std::string_view name);

// Whether `text` is a UUID in the 8-4-4-4-12 hexadecimal form (any version, either case).
bool is_uuid(std::string_view text);

}  // namespace sasaeai::io::hsds
