#include "service/assets/requirement_service.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "core/assets.h"
#include "domain/assets/classification.h"
#include "service/assets/asset_access.h"
#include "service/assets/requirement_format.h"
#include "service/deviations/exception_service.h"
#include "service/input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;
using store::Value;

Result<int> RequirementService::LoadShippedCatalogue(store::Database& db) {
  auto text = FindAsset("catalogue/requirements.json");
  if (!text) return MakeError(Code::kInternal, "error.internal");
  json catalogue = json::parse(*text);
  store::Actor system;
  system.comment = "shipped requirement catalogue";
  return db.WriteResult<int>(system, [&](Tx& tx) -> Result<int> {
    if (store::CountRecords(tx, store::RequirementTable(), {}) > 0) return 0;
    int n = 0;
    std::vector<Error> errors;
    for (const auto& entry : catalogue["requirements"]) {
      json record = RequirementFromEntry(entry, {}, errors);
      if (!errors.empty()) return errors.front();
      store::InsertRecord(tx, store::RequirementTable(), StoredRequirement(record));
      ++n;
    }
    return n;
  });
}

Result<store::Page> RequirementService::List(const Caller& caller, const PageRequest& page,
                                             const std::string& aspect,
                                             std::optional<int> min_level) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    store::AndRequirementFields(f, aspect, min_level);
    auto out =
        store::ListRecords(tx, store::RequirementTable(), f, "code", page.limit, page.offset);
    for (auto& r : out.items) r = ShownRequirement(r);
    return out;
  });
}

namespace {
// The system's level per aspect: the highest over its classified information sets.
domain::AspectLevels SystemLevels(Tx& tx, long long system_id) {
  domain::AspectLevels levels;
  for (const auto& s : store::ClassifiedSetsOfSystem(tx, system_id))
    for (int a = 0; a < 4; ++a)
      if (!levels[a] || *s.levels[a] > *levels[a]) levels[a] = s.levels[a];
  return levels;
}

// Live system `system_id` and its object, when the caller may read the object; else nothing.
struct SystemAndObject {
  json system;
  json object;
};
std::optional<SystemAndObject> ReadableSystem(Tx& tx, const Caller& caller, long long system_id) {
  auto system = store::GetRecord(tx, store::SystemTable(), system_id);
  if (!system) return std::nullopt;
  auto object =
      store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>(), true);
  if (!object || !CanOnObject(tx, caller, domain::Permission::kAssetRead, *object))
    return std::nullopt;
  return SystemAndObject{std::move(*system), std::move(*object)};
}

bool Triggers(const domain::AspectLevels& levels, const json& requirement) {
  auto aspect = domain::ParseAspect(requirement["aspect"].get<std::string>());
  return aspect && domain::RequirementApplies(levels, *aspect, requirement["min_level"].get<int>());
}
}  // namespace

Result<store::Page> RequirementService::ForSystem(const Caller& caller, long long system_id) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    if (!ReadableSystem(tx, caller, system_id)) return NotFound();
    domain::AspectLevels levels = SystemLevels(tx, system_id);
    std::map<long long, json> statuses;
    store::Filter mine;
    store::AndStatusesOfSystem(mine, system_id);
    for (auto& st :
         store::ListRecords(tx, store::SystemRequirementTable(), mine, "id", 100000, 0).items)
      statuses[st["requirement_id"].get<long long>()] = st;
    auto exceptions = ExceptionsInForceFor(tx, system_id, std::chrono::system_clock::now());
    store::Page page;
    for (auto& r : store::ListRecords(tx, store::RequirementTable(), {}, "code", 100000, 0).items) {
      auto aspect = domain::ParseAspect(r["aspect"].get<std::string>());
      if (!aspect || !domain::RequirementApplies(levels, *aspect, r["min_level"].get<int>()))
        continue;
      json item = ShownRequirement(r);
      auto st = statuses.find(r["id"].get<long long>());
      item["status"] = st == statuses.end() ? json("open") : st->second["status"];
      item["how"] = st == statuses.end() ? json("") : st->second["how"];
      item["motivation"] = st == statuses.end() ? json("") : st->second["motivation"];
      item["status_version"] = st == statuses.end() ? json(nullptr) : st->second["version"];
      auto exception = exceptions.find(item["code"].get<std::string>());
      item["exception"] = exception == exceptions.end() ? json(nullptr) : exception->second;
      page.items.push_back(std::move(item));
    }
    page.total = static_cast<long long>(page.items.size());
    return page;
  });
}

Result<json> RequirementService::OfSystem(Tx& tx, const Caller& caller, long long system_id,
                                          const std::string& code) {
  auto found = ReadableSystem(tx, caller, system_id);
  if (!found) return NotFound();
  auto row = store::LiveRequirementWithCode(tx, code);
  if (!row) return NotFound().WithField("code");
  auto requirement = store::GetRecord(tx, store::RequirementTable(), *row);
  if (!Triggers(SystemLevels(tx, system_id), *requirement))
    return Invalid("error.requirement_not_triggered", "code");
  json item = ShownRequirement(*requirement);
  item["status"] = store::RequirementStatus(tx, system_id, *row).value_or("open");
  item["system"] = found->system["name"];
  item["org_unit_id"] = found->object["org_unit_id"];
  return item;
}

Result<json> RequirementService::SetStatus(const Caller& caller, long long system_id,
                                           const std::string& code, const json& body) {
  static const std::vector<InputField> kFields = {
      {"status", InputType::kText, true, false, 20},
      {"how", InputType::kLongText, false, false, 4000},
      {"motivation", InputType::kLongText, false, false, 4000},
      {"version", InputType::kInt, false, false},
  };
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  std::string status = body["status"];
  if (status != "open" && status != "met" && status != "partly_met" && status != "not_met" &&
      status != "not_applicable")
    return Invalid("error.requirement_status", "status");
  std::string motivation = Trimmed(body.value("motivation", std::string()));
  if (status == "not_applicable" && motivation.empty())
    return Invalid("error.field_missing", "motivation");
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto found = ReadableSystem(tx, caller, system_id);
    if (!found) return NotFound();
    if (!CanOnObject(tx, caller, domain::Permission::kAssetWrite, found->object))
      return Forbidden();
    auto row = store::LiveRequirementWithCode(tx, code);
    if (!row) return NotFound();
    auto requirement = store::GetRecord(tx, store::RequirementTable(), *row);
    if (!Triggers(SystemLevels(tx, system_id), *requirement))
      return Invalid("error.requirement_not_triggered", "status");
    json values = {{"status", status},
                   {"how", Trimmed(body.value("how", std::string()))},
                   {"motivation", motivation}};
    auto existing = store::RequirementStatusRecord(tx, system_id, *row);
    if (!existing) {
      values["system_id"] = system_id;
      values["requirement_id"] = *row;
      return store::InsertRecord(tx, store::SystemRequirementTable(), values);
    }
    if (!body.contains("version")) return Invalid("error.version_required", "version");
    values["deleted_at"] = nullptr;
    return store::UpdateRecord(tx, store::SystemRequirementTable(), *existing,
                               body["version"].get<long long>(), values);
  });
}

}  // namespace lis::service
