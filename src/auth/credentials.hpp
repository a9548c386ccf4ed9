#pragma once
// Secrets: password hashes (argon2id, Debian's libargon2), random tokens and their digests
// (OpenSSL). Nothing here knows about accounts or storage.
#include <string>
#include <string_view>

namespace sasaeai::auth {

// argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum), encoded with its salt and parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded);

// A URL-safe random token with `bytes` bytes of entropy.
std::string random_token(std::size_t bytes = 32);

// Hex SHA-256, for storing tokens so that a copy of the database does not hold live sessions.
std::string sha256_hex(std::string_view data);

// Compares without leaking where two strings first differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace sasaeai::auth
