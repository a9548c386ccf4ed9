#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "domain/registers.hpp"

namespace sasaeai::domain {
namespace {

std::vector<FieldError> errors_of(const RegisterSpec& spec, const Input& input) {
  try {
    parse_record(spec, input);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    return e.fields();
  }
  return {};
}

bool has_error(const std::vector<FieldError>& errors, const std::string& field, const std::string& fragment) {
  for (const auto& e : errors) {
    if (e.field == field && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

const RegisterSpec& resources() { return register_spec(reg::resources); }

Input valid_resource() {
  return {{"municipality_id", "1"}, {"name", "いきいきサロン"}, {"category_id", "1"}, {"status", "活動中"}};
}

}  // namespace

TEST(Validation, AcceptsAMinimalResource) {
  auto r = parse_record(resources(), valid_resource());
  EXPECT_EQ(r.text("name"), "いきいきサロン");
  EXPECT_EQ(*r.integer("category_id"), 1);
  EXPECT_TRUE(is_null(r.get("district_id")));
}

TEST(Validation, NamesEveryMissingRequiredFieldInJapanese) {
  auto errors = errors_of(resources(), {});
  EXPECT_TRUE(has_error(errors, "name", "「名称」を入力してください"));
  EXPECT_TRUE(has_error(errors, "category_id", "「分類」を選んでください"));
  EXPECT_TRUE(has_error(errors, "status", "「状態」を選んでください"));
}

TEST(Validation, CanonicalisesTheSchedule) {
  auto input = valid_resource();
  input["schedule"] = "毎週火曜日　１０：００～１２：００";
  EXPECT_EQ(parse_record(resources(), input).text("schedule"), "毎週火曜 10:00-12:00");
}

TEST(Validation, RejectsABadScheduleNamingTheField) {
  auto input = valid_resource();
  input["schedule"] = "毎週火曜 25:00-26:00";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "schedule", "開催日時"));
}

TEST(Validation, ParsesFullWidthNumbersWithCommas) {
  Input input = {{"district_id", "1"}, {"year", "２０１７"}, {"population", "14,212"}, {"aged_65", "４２４４"}};
  auto r = parse_record(register_spec(reg::district_figures), input);
  EXPECT_EQ(*r.integer("year"), 2017);
  EXPECT_EQ(*r.integer("population"), 14212);
  EXPECT_EQ(*r.integer("aged_65"), 4244);
}

TEST(Validation, AgedCannotExceedPopulation) {
  Input input = {{"district_id", "1"}, {"year", "2017"}, {"population", "100"}, {"aged_65", "101"}};
  EXPECT_TRUE(has_error(errors_of(register_spec(reg::district_figures), input), "aged_65", "人口"));
}

TEST(Validation, RejectsOutOfRangeAndNonNumbers) {
  auto input = valid_resource();
  input["latitude"] = "91";
  input["longitude"] = "東経139";
  auto errors = errors_of(resources(), input);
  EXPECT_TRUE(has_error(errors, "latitude", "範囲"));
  EXPECT_TRUE(has_error(errors, "longitude", "数値"));
}

TEST(Validation, RequiresBothCoordinates) {
  auto input = valid_resource();
  input["latitude"] = "36.3";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "longitude", "両方"));
}

TEST(Validation, AcceptsSlashDatesAndRejectsImpossibleOnes) {
  auto input = valid_resource();
  input["last_verified_on"] = "2017/9/30";
  EXPECT_EQ(parse_record(resources(), input).text("last_verified_on"), "2017-09-30");
  input["last_verified_on"] = "2017-02-30";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "last_verified_on", "日付"));
}

TEST(Validation, DatesAllowNothingAroundThem) {
  auto input = valid_resource();
  for (const char* bad : {"2017/9/300", "2017-9-3x", "2017-09", "2017//9", "2017-9/30", "x2017-09-30"}) {
    input["last_verified_on"] = bad;
    EXPECT_TRUE(has_error(errors_of(resources(), input), "last_verified_on", "日付")) << bad;
  }
}

TEST(Validation, CommasOnlyAsThousandsSeparators) {
  Input input = {{"district_id", "1"}, {"year", "2017"}};
  for (const char* bad : {"1,2,3", "16,5", ",100", "1000,000", "1e3"}) {
    input["population"] = bad;
    EXPECT_TRUE(has_error(errors_of(register_spec(reg::district_figures), input), "population", "整数")) << bad;
  }
  input["population"] = "1,234,567";
  EXPECT_EQ(*parse_record(register_spec(reg::district_figures), input).integer("population"), 1234567);
  input.erase("population");
  input["care_certification_rate"] = "1e1";
  EXPECT_TRUE(has_error(errors_of(register_spec(reg::district_figures), input), "care_certification_rate", "数値"));
}

TEST(Validation, FiguresNeedAYear) {
  Input input = {{"district_id", "1"}, {"population", "10"}};
  EXPECT_TRUE(has_error(errors_of(register_spec(reg::district_figures), input), "year", "年度"));
}

TEST(Validation, PhoneAcceptsImeDashesAndEmailOneAt) {
  auto input = valid_resource();
  input["contact_phone"] = "027ー321ー1111";
  EXPECT_EQ(parse_record(resources(), input).text("contact_phone"), "027-321-1111");
  input["contact_email"] = "a@@b.jp";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "contact_email", "メールアドレス"));
}

TEST(Validation, ChoiceMustBeListed) {
  auto input = valid_resource();
  input["status"] = "たぶん活動中";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "status", "一覧"));
}

TEST(Validation, KanaMustBeKana) {
  auto input = valid_resource();
  input["kana"] = "八幡";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "kana", "ひらがな"));
  input["kana"] = "ｲｷｲｷ さろん";
  EXPECT_EQ(parse_record(resources(), input).text("kana"), "いきいき さろん");  // stored in hiragana
}

TEST(Validation, PhoneAndEmailFormats) {
  auto input = valid_resource();
  input["contact_phone"] = "０２７－１２３－４５６７";
  input["contact_email"] = "salon@example.jp";
  auto r = parse_record(resources(), input);
  EXPECT_EQ(r.text("contact_phone"), "027-123-4567");
  input["contact_phone"] = "123";
  input["contact_email"] = "salon.example.jp";
  auto errors = errors_of(resources(), input);
  EXPECT_TRUE(has_error(errors, "contact_phone", "電話番号"));
  EXPECT_TRUE(has_error(errors, "contact_email", "メールアドレス"));
}

TEST(Validation, LimitsLengthInCharactersNotBytes) {
  auto input = valid_resource();
  input["name"] = std::string(100, 'x');
  EXPECT_NO_THROW(parse_record(resources(), input));
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "あ";
  input["name"] = long_name;
  EXPECT_TRUE(has_error(errors_of(resources(), input), "name", "100文字以内"));
}

TEST(Validation, RejectsInvalidUtf8AndControlCharacters) {
  auto input = valid_resource();
  input["name"] = "\xff\xfe";
  EXPECT_TRUE(has_error(errors_of(resources(), input), "name", "文字コード"));
  input["name"] = std::string("サロン\x01");
  EXPECT_TRUE(has_error(errors_of(resources(), input), "name", "制御文字"));
}

TEST(Validation, CouncilOfLayerTwoNeedsADistrict) {
  Input input = {{"municipality_id", "1"}, {"name", "八幡地区協議体"}, {"layer", "2"}, {"kind", "高齢"}, {"founded_on", "2015-12-01"}};
  auto errors = errors_of(register_spec(reg::councils), input);
  EXPECT_TRUE(has_error(errors, "district_id", "地区"));
  EXPECT_EQ(register_spec(reg::councils).field("broad_study_on"), nullptr);  // stages are council-stages records now
}

TEST(Validation, MembersLeaveAfterTheyJoin) {
  Input input = {{"council_id", "1"}, {"name", "区長"}, {"role", "区長"}, {"joined_on", "2020-04-01"}, {"left_on", "2019-03-31"}};
  EXPECT_TRUE(has_error(errors_of(register_spec(reg::council_members), input), "left_on", "加入日"));
  input["left_on"] = "2020-04-01";
  EXPECT_FALSE(has_error(errors_of(register_spec(reg::council_members), input), "left_on", "加入日"));
}

TEST(Validation, MunicipalityCodeCheckDigit) {
  Input input = {{"name", "高崎市"}, {"code", "102025"}};
  EXPECT_TRUE(has_error(errors_of(register_spec(reg::municipalities), input), "code", "検査数字"));
}

TEST(Registers, EveryReferenceTargetsADeclaredEarlierRegister) {
  // The demo loader and migrations rely on registers being declared in dependency order.
  std::vector<std::string> seen;
  for (const auto& spec : all_registers()) {
    for (const auto& field : spec.fields) {
      if (field.type != FieldType::reference) continue;
      EXPECT_NE(find_register(field.ref_register), nullptr) << spec.name << "." << field.name;
      // A register may refer to its own earlier rows (an exchange plan to the plan before it).
      EXPECT_TRUE(field.ref_register == spec.name || std::find(seen.begin(), seen.end(), field.ref_register) != seen.end())
          << spec.name << "." << field.name << " references a register declared later";
    }
    seen.push_back(spec.name);
  }
}

}  // namespace sasaeai::domain

namespace sasaeai::domain {
TEST(Validation, SmallDecimalsSurviveARoundTrip) {
  Input input = {{"municipality_id", "1"}, {"name", "n"}, {"category_id", "1"}, {"status", "活動中"},
                 {"latitude", "0.00001"}, {"longitude", "139.5"}};
  auto first = parse_record(register_spec(reg::resources), input);
  auto again = parse_record(register_spec(reg::resources), to_input(register_spec(reg::resources), first));  // found by fuzz_record
  EXPECT_DOUBLE_EQ(*as_double(again.get("latitude")), 0.00001);
}
}  // namespace sasaeai::domain

namespace sasaeai::domain {

TEST(Validation, AYearIsTypedAsWesternOrJapaneseAndStoredWestern) {
  const auto& goals = register_spec(reg::goals);
  Input input = {{"fiscal_year", "令和7年度"}};
  EXPECT_FALSE(has_error(errors_of(goals, input), "fiscal_year", "年度"));
  input["fiscal_year"] = "平成32年度";
  EXPECT_TRUE(has_error(errors_of(goals, input), "fiscal_year", "「年度」は 2025 か 令和7 のように年で入力してください"));
  const auto& participants = register_spec(reg::gathering_participants);
  const auto record = parse_record(participants, {{"resource_id", "1"}, {"fiscal_year", "Ｒ６"}});
  EXPECT_EQ(record.integer("fiscal_year"), 2024);
  // A count is not a year: 令和7 stays refused there.
  EXPECT_TRUE(has_error(errors_of(participants, {{"resource_id", "1"}, {"fiscal_year", "2025"}, {"men_65_74", "令和7"}}), "men_65_74", "整数"));
}

TEST(Validation, ADateIsTypedAsWesternOrJapaneseAndStoredAsTheDay) {
  const auto& subsidies = register_spec(reg::venue_subsidies);
  const auto record = parse_record(subsidies, {{"resource_id", "1"}, {"fiscal_year", "令和7"}, {"applied_on", "令和7年4月1日"}, {"decision", "審査中"}});
  EXPECT_EQ(record.text("applied_on"), "2025-04-01");
  EXPECT_EQ(record.integer("fiscal_year"), 2025);
  EXPECT_TRUE(has_error(errors_of(subsidies, {{"resource_id", "1"}, {"fiscal_year", "2019"}, {"applied_on", "平成31年5月1日"}, {"decision", "審査中"}}),
                        "applied_on", "「申請日」は 令和7年4月1日、R7.4.1、2025-04-01 のように正しい日付で入力してください"));
}

}  // namespace sasaeai::domain
