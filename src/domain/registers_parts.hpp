#pragma once
// The registers of one concern each, declared in their own file (registers_<concern>.cpp) and
// appended by registers.cpp in dependency order: a register comes after the ones it refers to.
#include <vector>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

void add_meetings_registers(std::vector<RegisterSpec>& specs);  // meeting kinds, meetings, councils taking part
void add_meeting_record_registers(std::vector<RegisterSpec>& specs);  // attendees, feedback, attachments, action items
void add_councils_registers(std::vector<RegisterSpec>& specs);  // working groups, founding stages, council stages
void add_year_registers(std::vector<RegisterSpec>& specs);      // yearly goals and their measures, calendar feeds
void add_exchange_registers(std::vector<RegisterSpec>& specs);  // exchange-meeting plans, their sessions and units
void add_consultation_registers(std::vector<RegisterSpec>& specs);  // consultations, their follow-ups and introductions
void add_gathering_registers(std::vector<RegisterSpec>& specs);  // 通いの場: participants per 年度, 居場所補助 subsidies
void add_activity_registers(std::vector<RegisterSpec>& specs);   // coordinators' activity log, its types, partner organisations
void add_supporter_hours_registers(std::vector<RegisterSpec>& specs);  // supporters' activity hours per month
void add_publication_registers(std::vector<RegisterSpec>& specs);  // case studies and their photos; newsletters, articles, events

}  // namespace sasaeai::domain
