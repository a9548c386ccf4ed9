#include "domain/record_title.hpp"

#include "domain/registers.hpp"

namespace sasaeai::domain {

std::string title_of(const RegisterSpec& spec, const Record& record) {
  if (spec.name == reg::course_participants) {
    // 「高崎 花子：地域支え合いサポーター養成講座」
    const auto who = record.ref_title("supporter_id");
    const auto course = record.ref_title("course_id");
    if (!who.empty() && !course.empty()) return who + "：" + course;
  }
  if (const auto* f = spec.field(spec.title_field); f && f->type == FieldType::reference) {
    if (auto name = record.ref_title(f->name); !name.empty()) return name;
  }
  return record.text(spec.title_field);
}

}  // namespace sasaeai::domain
