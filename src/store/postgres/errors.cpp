#include "store/postgres/errors.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace sasaeai::store::postgres {

bool is_transient(const PgError& e) {
  const auto& s = e.sqlstate();
  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available (lock_timeout),
  // 57014 query_canceled, 57P01–57P03 shutdown, 08… connection exceptions.
  return e.connection_lost() || s == "40001" || s == "40P01" || s == "55P03" || s == "57014" || s.starts_with("57P") ||
         s.starts_with("08");
}

void throw_busy() {
  throw Error(ErrorKind::unavailable, "データベースが他の処理で使用中です。しばらく待ってからもう一度お試しください。")
      .with_code(error_code::database_busy);
}

void rethrow_constraint(const PgError& e, const domain::RegisterSpec& spec, bool deleting) {
  const auto& s = e.sqlstate();
  if (s == kForeignKeyViolation) {
    if (deleting) {
      throw Error(ErrorKind::conflict,
                  fmt::format("この{}は他のデータから参照されているため削除できません。先に参照しているデータを変更または削除してください。",
                              spec.label))
          .with_code(error_code::still_referenced);
    }
    throw Error(ErrorKind::invalid, "選ばれた参照先のデータが見つかりません").with_code(error_code::reference_missing);
  }
  if (s == kUniqueViolation) {
    throw Error(ErrorKind::conflict, spec.unique.empty() ? std::string("同じ内容のデータがすでにあります") : spec.unique.front().message)
        .with_code(error_code::duplicate);
  }
  if (s == "23502" || s == "23514") throw Error(ErrorKind::invalid, "必須の項目が入力されていないか、値が範囲外です");
  throw e;
}

}  // namespace sasaeai::store::postgres
