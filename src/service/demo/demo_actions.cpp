#include "service/demo/demo_actions.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/actions/action_rules.h"
#include "service/actions/action_service.h"

namespace lis::service {

using nlohmann::json;

namespace {

struct DemoAction {
  const char* title;
  const char* unit;
  const char* owner;  // username
  int due_in_days;
  const char* priority;
  const char* status;
  const char* note;
};

const DemoAction kActions[] = {
    {"Inför tvåfaktorsinloggning i Socialtjänstens verksamhetssystem", "sof", "kontakt.sof", 30,
     "high", "in_progress", "Leverantören har aktiverat funktionen i testmiljön."},
    {"Uppdatera rutinen för orosanmälningar från skolan", "sof", "medarbetare", -5, "medium",
     "planned", ""},
    {"Utbilda elevhälsans personal i informationssäkerhet", "buf", "forvaltare", 60, "medium",
     "planned", ""},
    {"Se över behörigheterna i Elevhälsojournalen", "buf", "objektagare", -20, "critical",
     "planned", ""},
    {"Dokumentera återställningstest av säkerhetskopior", "ksf", "itsak", -2, "low", "done",
     "Testet genomfört; återställningen tog 40 minuter."},
};

}  // namespace

Status LoadDemoActions(store::Database& db, const std::map<std::string, long long>& units,
                       long long ciso_user_id) {
  Caller ciso;
  ciso.user_id = ciso_user_id;
  ciso.username = "ciso";
  ciso.grants = {{0, "ciso", units.at("kommun"), std::nullopt}};
  ActionService actions(db);
  std::map<std::string, long long> users;
  Status s = db.Read([&](store::Tx& tx) {
    for (const auto& row :
         tx.Query("SELECT username, id FROM users", {}, {store::Col::kText, store::Col::kInt}))
      users[row.Text(0)] = row.Int(1);
    return Status();
  });
  if (!s.ok()) return s;
  for (const auto& a : kActions) {
    auto created = actions.Create(ciso, {{"title", a.title},
                                         {"org_unit_id", units.at(a.unit)},
                                         {"owner_id", users.at(a.owner)},
                                         {"due_date", *AddDays(Today(), a.due_in_days)},
                                         {"priority", a.priority},
                                         {"status", a.status},
                                         {"progress_note", a.note},
                                         {"comment", "lis demo"}});
    if (!created.ok()) return created.error();
  }
  return {};
}

}  // namespace lis::service
