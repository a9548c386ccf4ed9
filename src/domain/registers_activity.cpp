// The coordinators' activity log (活動記録): what they did, by SC function and type, with whom.
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {

void add_activity_registers(std::vector<RegisterSpec>& /*specs*/) {}

}  // namespace sasaeai::domain
