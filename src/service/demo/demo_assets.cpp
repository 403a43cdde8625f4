#include "service/demo/demo_assets.h"

#include <nlohmann/json.hpp>

#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"

namespace lis::service {

using nlohmann::json;

namespace {

struct DemoObject {
  const char* name;
  const char* unit;
  const char* description;
  const char* system;  // its one system
  const char* system_description;
};

const DemoObject kObjects[] = {
    {"Elevhälsan", "buf", "Skolsköterskor, skolläkare, kuratorer och psykologer i grundskolan.",
     "Elevhälsojournalen", "Journalsystem för den medicinska och psykosociala elevhälsan."},
    {"Individ- och familjeomsorg", "sof", "Utredning och insatser för barn, unga och vuxna.",
     "Socialtjänstens verksamhetssystem", "Ärenden, utredningar och beslut inom socialtjänsten."},
};

struct DemoSet {
  const char* name;
  const char* unit;
  const char* description;
  const char* personal_data;
  const char* secrecy;  // nullptr: none
  const char* retention;
  std::vector<const char*> systems;
};

const DemoSet kSets[] = {
    {"Journaler i elevhälsan",
     "buf",
     "Journalanteckningar om elevers hälsa.",
     "special",
     "OSL 25 kap. 1 §",
     "Bevaras",
     {"Elevhälsojournalen"}},
    {"Orosanmälningar om barn",
     "sof",
     "Anmälningar från skola och elevhälsa om barn som kan fara illa.",
     "special",
     "OSL 26 kap. 1 §",
     "Bevaras",
     {"Elevhälsojournalen", "Socialtjänstens verksamhetssystem"}},
    {"Avtal med utförare",
     "sof",
     "Avtal med utförare av insatser enligt socialtjänstlagen.",
     "none",
     nullptr,
     "Gallras 10 år efter avtalets slut",
     {"Socialtjänstens verksamhetssystem"}},
};

}  // namespace

Status LoadDemoAssets(store::Database& db, const std::map<std::string, long long>& units,
                      long long ciso_user_id) {
  Caller ciso;
  ciso.user_id = ciso_user_id;
  ciso.username = "ciso";
  ciso.grants = {{0, "ciso", units.at("kommun"), std::nullopt}};
  ObjectService objects(db);
  SystemService systems(db);
  InformationSetService sets(db);
  const std::string comment = "lis demo";
  std::map<std::string, long long> system_ids;
  for (const auto& o : kObjects) {
    auto object = objects.Create(ciso, {{"name", o.name},
                                        {"org_unit_id", units.at(o.unit)},
                                        {"description", o.description},
                                        {"comment", comment}});
    if (!object.ok()) return object.error();
    auto system = systems.Create(ciso, {{"name", o.system},
                                        {"object_id", (*object)["id"]},
                                        {"description", o.system_description},
                                        {"comment", comment}});
    if (!system.ok()) return system.error();
    system_ids[o.system] = (*system)["id"].get<long long>();
  }
  for (const auto& s : kSets) {
    json ids = json::array();
    for (const char* name : s.systems) ids.push_back(system_ids.at(name));
    json body = {{"name", s.name},
                 {"org_unit_id", units.at(s.unit)},
                 {"description", s.description},
                 {"personal_data", s.personal_data},
                 {"secrecy", s.secrecy ? json(s.secrecy) : json(nullptr)},
                 {"retention", s.retention},
                 {"system_ids", ids},
                 {"comment", comment}};
    auto set = sets.Create(ciso, body);
    if (!set.ok()) return set.error();
  }
  return {};
}

}  // namespace lis::service
