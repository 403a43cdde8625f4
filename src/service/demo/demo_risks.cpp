#include "service/demo/demo_risks.h"

#include <nlohmann/json.hpp>

#include "service/assets/system_service.h"
#include "service/risk/risk_analysis_service.h"
#include "service/risk/risk_service.h"

namespace lis::service {

using nlohmann::json;

namespace {

struct DemoRisk {
  const char* title;
  const char* threat;
  const char* vulnerability;
  int likelihood, consequence;
  const char* treatment;                          // nullptr: not decided
  int residual_likelihood, residual_consequence;  // 0: not assessed
  const char* planned_actions;
};

const DemoRisk kRisks[] = {
    {"Obehörig läsning av orosanmälningar", "Medarbetare läser ärenden utan tjänsteskäl",
     "Behörigheter ges per enhet, inte per ärende; loggar granskas sällan", 3, 4, "reduce", 2, 3,
     "Behörighet per ärende och månatlig logguppföljning"},
    {"Verksamhetssystemet otillgängligt en längre tid", "Avbrott hos leverantören",
     "Ingen reservrutin för akuta ärenden", 2, 4, "accept", 3, 4,
     "Leverantören ger ingen bättre tillgänglighet inom avtalet"},
    {"Felaktiga uppgifter i utredningar", "Inmatningsfel", "Ingen granskning av känsliga uppgifter",
     2, 2, "accept", 0, 0, ""},
};

}  // namespace

Status LoadDemoRisks(store::Database& db, const std::map<std::string, long long>& units,
                     long long ciso_user_id) {
  Caller ciso;
  ciso.user_id = ciso_user_id;
  ciso.username = "ciso";
  ciso.grants = {{0, "ciso", units.at("kommun"), std::nullopt}};
  SystemListQuery systems_query;
  systems_query.page = {500, 0};
  systems_query.class_reasons = false;
  systems_query.search = "Socialtjänstens verksamhetssystem";
  auto systems = SystemService(db).List(ciso, systems_query);
  if (!systems.ok()) return systems.error();
  if (systems->items.empty()) return NotFound();
  json system = systems->items.front();
  const std::string comment = "lis demo";
  auto analysis = RiskAnalysisService(db).Create(
      ciso, {{"title", "Riskanalys av socialtjänstens verksamhetssystem"},
             {"scope_kind", "system"},
             {"scope_id", system["id"]},
             {"participants", "Objektägare, systemförvaltare, informationssäkerhetssamordnare"},
             {"method", "Workshop med skalan 1–4 för sannolikhet och konsekvens"},
             {"comment", comment}});
  if (!analysis.ok()) return analysis.error();
  RiskService risks(db);
  for (const auto& r : kRisks) {
    json body = {{"analysis_id", (*analysis)["id"]},
                 {"title", r.title},
                 {"threat", r.threat},
                 {"vulnerability", r.vulnerability},
                 {"system_ids", {system["id"]}},
                 {"confidentiality", true},
                 {"likelihood", r.likelihood},
                 {"consequence", r.consequence},
                 {"treatment", r.treatment ? json(r.treatment) : json(nullptr)},
                 {"planned_actions", r.planned_actions},
                 {"owner_id", ciso_user_id},
                 {"comment", comment}};
    if (r.residual_likelihood) {
      body["residual_likelihood"] = r.residual_likelihood;
      body["residual_consequence"] = r.residual_consequence;
    }
    auto created = risks.Create(ciso, body);
    if (!created.ok()) return created.error();
  }
  return {};
}

}  // namespace lis::service
