#include "app/venue_subsidies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

namespace {

namespace reg = domain::reg;

const domain::RegisterSpec& subsidies() { return domain::register_spec(reg::venue_subsidies); }

std::string yen(std::optional<std::int64_t> amount) { return amount ? std::to_string(*amount) : std::string(); }

}  // namespace

SubsidyYear subsidy_year(store::Store& store, const Actor& actor, int year) {
  require(actor, can_read(actor, subsidies()), "居場所補助事業の閲覧");
  SubsidyYear out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  std::set<int> years;
  store.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& resources = domain::register_spec(reg::resources);
    for (const auto& s : reader.all(subsidies())) {
      if (const auto y = s.integer("fiscal_year")) years.insert(static_cast<int>(*y));
      if (s.integer("fiscal_year") != year) continue;
      SubsidyLine line;
      line.id = s.id;
      line.resource_id = s.integer("resource_id").value_or(0);
      line.resource = s.ref_title("resource_id");
      if (const auto r = reader.get(resources, line.resource_id)) {
        line.district_id = r->integer("district_id");
        line.district = r->ref_title("district_id");
      }
      line.applied_on = s.text("applied_on");
      line.decision = s.text("decision");
      line.decided_on = s.text("decided_on");
      line.amount = s.integer("amount");
      line.conditions_met = s.text("conditions_met");
      line.conditions_note = s.text("conditions_note");
      line.report_received_on = s.text("report_received_on");
      out.lines.push_back(std::move(line));
    }
  });
  std::stable_sort(out.lines.begin(), out.lines.end(), [](const SubsidyLine& a, const SubsidyLine& b) {
    return std::tie(a.district, a.resource, a.id) < std::tie(b.district, b.resource, b.id);
  });
  for (const auto& choice : subsidies().field("decision")->choices) out.by_decision.push_back({choice.value, 0});
  for (const auto& line : out.lines) {
    for (auto& d : out.by_decision) {
      if (d.decision == line.decision) ++d.count;
    }
    if (line.decision == "交付決定") {
      out.decided_total += line.amount.value_or(0);
      ++out.decided_count;
      if (!line.report_received_on.empty()) ++out.reports_received;
    }
  }
  out.years.assign(years.rbegin(), years.rend());
  return out;
}

Table subsidy_table(store::Store& store, const Actor& actor, int year) {
  const auto y = subsidy_year(store, actor, year);
  Table cells = {{"年度", "通いの場", "地区", "申請日", "決定", "決定日", "交付額（円）", "交付の要件", "要件の確認内容", "実績報告の受理日", "番号"}};
  for (const auto& l : y.lines) {
    cells.push_back({y.label, l.resource, l.district, l.applied_on, l.decision, l.decided_on, yen(l.amount), l.conditions_met, l.conditions_note,
                     l.report_received_on, std::to_string(l.id)});
  }
  cells.push_back({y.label, fmt::format("交付決定 {}件の合計", y.decided_count), "", "", "", "", std::to_string(y.decided_total), "", "", "", ""});
  return cells;
}

}  // namespace sasaeai::app
