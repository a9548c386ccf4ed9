// Supporters' activity hours per month (and the points a city gives for them).
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {

void add_supporter_hours_registers(std::vector<RegisterSpec>& /*specs*/) {}

}  // namespace sasaeai::domain
