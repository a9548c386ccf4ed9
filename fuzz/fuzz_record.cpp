// parse_record for every register. Input: the first byte picks the register ('0'…'8' or any
// byte modulo the number of registers); the rest is lines `key=value` ('\n'); a line without
// '=' is the key with an explicit null (JSON null). A key that is a decimal number N names the
// N-th field of the register (modulo the field count), so the fuzzer reaches every field
// without guessing names.
//
// Only sasaeai::Error may be thrown. When parsing succeeds, the record must survive the path a
// partial update takes (to_input, then parse_record again) unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "domain/registers.hpp"
#include "domain/validation.hpp"
#include "fuzz_common.hpp"

using namespace sasaeai;

namespace {

std::string describe(const domain::Value& v) {
  switch (v.index()) {
    case 0: return "null";
    case 1: return "int " + std::to_string(std::get<std::int64_t>(v));
    case 2: return "double " + domain::as_text(v);
    default: return "text " + std::get<std::string>(v);
  }
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = fuzz::as_view(data, size);
  const auto& registers = domain::all_registers();
  const auto& spec = registers[fuzz::pick(bytes, registers.size())];

  domain::Input input;
  for (auto line : fuzz::split(bytes, '\n')) {
    if (line.empty()) continue;
    const auto eq = line.find('=');
    std::string key(line.substr(0, eq));
    if (all_digits(key)) key = spec.fields[std::stoul(key) % spec.fields.size()].name;
    if (eq == std::string_view::npos) input[key] = std::nullopt;
    else input[key] = std::string(line.substr(eq + 1));
  }

  domain::Record record;
  try {
    record = domain::parse_record(spec, input);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid) fuzz::fail("parse_record threw Error of a kind other than invalid", e.what());
    if (e.fields().empty()) fuzz::fail("parse_record threw Error without field errors", e.what());
    return 0;
  }

  // Round trip: what a stored record turns into for a form or a partial update must validate
  // again to the same values.
  domain::Record again;
  try {
    again = domain::parse_record(spec, domain::to_input(spec, record));
  } catch (const Error& e) {
    const auto& f = e.fields().front();
    const auto value = describe(record.get(f.field));
    fuzz::fail(("a valid record does not validate again via to_input (" + spec.name + "." + f.field + ")").c_str(), value,
               f.message);
  }
  for (const auto& field : spec.fields) {
    const auto& a = record.get(field.name);
    const auto& b = again.get(field.name);
    if (a != b) fuzz::fail(("value changed on round trip (" + spec.name + "." + field.name + ")").c_str(), describe(a), describe(b));
  }
  return 0;
}
