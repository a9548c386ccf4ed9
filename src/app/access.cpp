#include "app/access.hpp"

#include "app/policy.hpp"

namespace sasaeai::app {

void require_account_settings(const Actor& actor) { require(actor, actor.signed_in(), "アカウント設定"); }

void require_data_book(const Actor& actor) { require(actor, actor.signed_in(), "データブックの作成"); }

void require_account_management(const Actor& actor) { require(actor, can_administer(actor), "アカウントの管理"); }

void require_needs_import(const Actor& actor) { require(actor, edits_records(actor), "ニーズ表の取り込み"); }

void require_walk_data_management(const Actor& actor) { require(actor, edits_records(actor), "歩行ネットワークと人口の管理"); }

void require_register_import(const Actor& actor, const domain::RegisterSpec& spec) {
  require(actor, can_import(actor, spec), (spec.label + "の取り込み").c_str());
}

}  // namespace sasaeai::app
