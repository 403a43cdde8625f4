#include "service/assets/derived_class.h"

#include <nlohmann/json.hpp>

#include "domain/assets/classification.h"

namespace lis::service {

using nlohmann::json;

void AddDerivedClass(json& record, const std::vector<store::ClassifiedSet>& sets) {
  std::vector<std::optional<domain::ClassReason>> parts;
  parts.reserve(sets.size());
  for (const auto& s : sets) {
    auto r = domain::InformationSetClass(s.levels, s.set_id, s.set_name);
    if (r) {
      r->source_kind = "system";
      r->origin_name = s.system_name;
    }
    parts.push_back(r);
  }
  auto best = domain::HighestClass(parts);
  if (!best) {
    record["security_class"] = nullptr;
    record["class_reason"] = nullptr;
    return;
  }
  const store::ClassifiedSet* source = nullptr;
  for (const auto& s : sets)
    if (s.set_id == best->source_id && s.system_name == best->origin_name) {
      source = &s;
      break;
    }
  record["security_class"] = best->level;
  record["class_reason"] = {{"level", best->level},
                            {"aspect", domain::AspectName(best->aspect)},
                            {"system_id", source ? json(source->system_id) : json(nullptr)},
                            {"system", best->origin_name},
                            {"information_set_id", best->source_id},
                            {"information_set", best->source_name}};
}

void AddDerivedClasses(store::Tx& tx, std::vector<json>& items, bool objects) {
  std::vector<long long> ids;
  for (const auto& item : items) ids.push_back(item["id"].get<long long>());
  auto sets = store::ReasonSetsByOwner(tx, objects, ids);
  static const std::vector<store::ClassifiedSet> kNone;
  for (auto& item : items) {
    auto it = sets.find(item["id"].get<long long>());
    AddDerivedClass(item, it == sets.end() ? kNone : it->second);
  }
}

void AddSetClass(json& set, const domain::AspectLevels& levels) {
  long long id = set["id"].get<long long>();
  auto reason = domain::InformationSetClass(levels, id, set["name"].get<std::string>());
  set["security_class"] = reason ? json(reason->level) : json(nullptr);
  set["class_reason"] = nullptr;
  if (reason)
    set["class_reason"] = {{"level", reason->level},
                           {"aspect", domain::AspectName(reason->aspect)},
                           {"information_set_id", id},
                           {"information_set", reason->source_name}};
}

}  // namespace lis::service
