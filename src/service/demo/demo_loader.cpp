#include "service/demo/demo_loader.h"

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "service/demo/demo_actions.h"
#include "service/demo/demo_assets.h"
#include "service/demo/demo_incidents.h"
#include "service/demo/demo_risks.h"
#include "service/org/user_service.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;

namespace {

struct DemoNode {
  const char* key;
  const char* parent;
  const char* kind;
  const char* name;
  const char* org_number;
};

const DemoNode kNodes[] = {
    {"group", nullptr, "group", "Norrviks kommunkoncern", nullptr},
    {"kommun", "group", "municipality", "Norrviks kommun", "212000-2262"},
    {"energi", "group", "company", "Norrvik Energi AB", "556677-8899"},
    {"bostader", "group", "company", "Norrviksbostäder AB", "556012-3456"},
    {"ksf", "kommun", "unit", "Kommunstyrelseförvaltningen", nullptr},
    {"buf", "kommun", "unit", "Barn- och utbildningsförvaltningen", nullptr},
    {"sof", "kommun", "unit", "Socialförvaltningen", nullptr},
    {"sbf", "kommun", "unit", "Samhällsbyggnadsförvaltningen", nullptr},
    {"kff", "kommun", "unit", "Kultur- och fritidsförvaltningen", nullptr},
    {"energi-drift", "energi", "unit", "Drift och nät", nullptr},
};

struct DemoPerson {
  const char* username;
  const char* name;
  const char* role;
  const char* scope;  // node key, or nullptr for installation-wide
  const char* home;   // node key the person belongs to
};

const DemoPerson kPeople[] = {
    {"admin", "Sara Lindqvist", "admin", nullptr, "ksf"},
    {"ciso", "Johan Bergström", "ciso", "kommun", "ksf"},
    {"ciso.energi", "Maria Nyström", "ciso", "energi", "energi"},
    {"sakerhetschef", "Anders Holm", "security_chief", "group", "ksf"},
    {"itsak", "Elin Sjöberg", "it_security", "kommun", "ksf"},
    {"dso", "Karin Lund", "dpo", "kommun", "ksf"},
    {"ks.ordforande", "Per Åkesson", "board", "kommun", "ksf"},
    {"infoagare.sof", "Lena Forsberg", "information_owner", "sof", "sof"},
    {"objektagare", "Mikael Engström", "object_owner", "buf", "buf"},
    {"objektagare.it", "Sofia Wallin", "object_owner_it", "ksf", "ksf"},
    {"forvaltare", "Erik Danielsson", "object_manager", "buf", "buf"},
    {"teknisk", "Ahmed Hassan", "technical_manager", "ksf", "ksf"},
    {"kontakt.sof", "Anna Öberg", "contact", "sof", "sof"},
    {"medarbetare", "Fatima Ali", "employee", "sof", "sof"},
};

}  // namespace

Result<std::vector<DemoAccount>> LoadDemo(store::Database& db, const Config& config) {
  store::Actor system;
  system.comment = "lis demo";
  auto count = db.ReadResult<long long>([](store::Tx& tx) -> Result<long long> {
    auto row = tx.QueryOne("SELECT (SELECT COUNT(*) FROM org_units) + (SELECT COUNT(*) FROM users)",
                           {}, {store::Col::kInt});
    return row->Int(0);
  });
  if (!count.ok()) return count.error();
  if (*count > 0) return MakeError(Code::kConflict, "error.demo_not_empty");

  std::map<std::string, long long> ids;
  std::map<std::string, std::string> names;
  std::vector<DemoAccount> accounts;
  long long ciso_id = 0;
  Status s = db.Write(system, [&](store::Tx& tx) -> Status {
    for (const auto& n : kNodes) {
      json record = {{"kind", n.kind},
                     {"name", n.name},
                     {"parent_id", n.parent ? json(ids.at(n.parent)) : json(nullptr)},
                     {"org_number", n.org_number ? json(n.org_number) : json(nullptr)}};
      ids[n.key] = store::InsertRecord(tx, store::OrgUnitTable(), record)["id"].get<long long>();
      names[n.key] = n.name;
    }
    for (const auto& p : kPeople) {
      std::string password = RandomToken(12);
      json user = store::InsertRecord(tx, store::UserTable(),
                                      {{"username", p.username},
                                       {"name", p.name},
                                       {"email", std::string(p.username) + "@norrvik.se"},
                                       {"active", true},
                                       {"language", "sv"},
                                       {"org_unit_id", ids.at(p.home)}});
      store::SetPasswordHash(tx, user["id"].get<long long>(), HashPassword(password));
      if (std::string(p.username) == "ciso") ciso_id = user["id"].get<long long>();
      store::InsertRecord(tx, store::RoleAssignmentTable(),
                          {{"user_id", user["id"]},
                           {"role", p.role},
                           {"scope_id", p.scope ? json(ids.at(p.scope)) : json(nullptr)}});
      accounts.push_back({p.username, password, p.role, p.scope ? names.at(p.scope) : ""});
    }
    return {};
  });
  if (!s.ok()) return s.error();
  s = LoadDemoAssets(db, ids, ciso_id);
  if (!s.ok()) return s.error();
  s = LoadDemoRisks(db, ids, ciso_id);
  if (!s.ok()) return s.error();

  s = LoadDemoActions(db, ids, ciso_id);
  if (!s.ok()) return s.error();
  s = LoadDemoIncidents(db, config, ids);
  if (!s.ok()) return s.error();
  return accounts;
}

}  // namespace lis::service
