#include "app/matching.hpp"

#include <algorithm>
#include <set>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "domain/consultation.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
}  // namespace

// A first cut: resources of the categories linked to the consultation's needs, active ones only.
MatchResult Matching::suggest(const Actor& actor, Id consultation_id, std::size_t limit) {
  const auto& consultations = rows::spec_of(reg::consultations);
  require(actor, can_read(actor, consultations), "相談記録の閲覧");
  MatchResult out;
  out.heading = "利用できそうな社会資源";
  std::optional<domain::Record> consultation;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    consultation = reader.get(consultations, consultation_id);
    if (!consultation) return;
    std::set<std::string> needs;
    for (const auto& n : domain::split_list(consultation->text("need_categories"))) needs.insert(n);
    std::set<Id> categories;
    for (const auto& link : rows::all(tx, reg::need_resource_links)) {
      if (needs.count(link.ref_title("need_category_id"))) categories.insert(link.integer("resource_category_id").value_or(0));
    }
    for (const auto& r : reader.all(rows::spec_of(reg::resources), {{"status", std::string(domain::status::active)}})) {
      if (!categories.count(r.integer("category_id").value_or(0))) continue;
      MatchSuggestion s;
      s.register_name = std::string(reg::resources);
      s.id = r.id;
      s.title = r.text("name");
      s.district = r.ref_title("district_id");
      s.score = r.integer("district_id") == consultation->integer("district_id") ? 2 : 1;
      s.reasons.push_back("ニーズの分類に合う社会資源（" + r.ref_title("category_id") + "）");
      s.contact = r.text("public_contact");
      out.items.push_back(std::move(s));
    }
  });
  require_found(consultation, consultations, consultation_id);
  std::stable_sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (out.items.size() > limit) out.items.resize(limit);
  return out;
}

}  // namespace sasaeai::app
