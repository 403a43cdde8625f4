#include "service/assets/information_set_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/audit/audit_service.h"

#include "service/assets/asset_access.h"
#include "service/assets/derived_class.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/audit_trail.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<InputField>& SetFields() {
  static const std::vector<InputField> kFields = {
      {"name", InputType::kText, true, false, 200},
      {"org_unit_id", InputType::kInt, true, false},
      {"description", InputType::kLongText, false, false, 4000},
      {"personal_data", InputType::kText, false, false, 20},
      {"secrecy", InputType::kText, false, true, 200},
      {"retention", InputType::kLongText, false, true, 1000},
      {"system_ids", InputType::kIntList, false, false, 500},
  };
  return kFields;
}

const char* kSetFields[] = {"name",          "org_unit_id", "description",
                            "personal_data", "secrecy",     "retention"};

Status CheckSet(Tx& tx, json& r) {
  r["name"] = Trimmed(r["name"].get<std::string>());
  if (r["name"].get<std::string>().empty()) return Invalid("error.field_blank", "name");
  if (!domain::ParsePersonalData(r["personal_data"].get<std::string>()))
    return Invalid("error.personal_data", "personal_data");
  if (r["secrecy"].is_string() && Trimmed(r["secrecy"].get<std::string>()).empty())
    r["secrecy"] = nullptr;
  if (!store::GetRecord(tx, store::OrgUnitTable(), r["org_unit_id"].get<long long>()))
    return Invalid("error.org_unit_missing", "org_unit_id");
  return {};
}

std::optional<json> CurrentClassification(Tx& tx, long long set_id) {
  auto id = store::ClassificationOfSet(tx, set_id);
  if (!id) return std::nullopt;
  return store::GetRecord(tx, store::ClassificationTable(), *id, true);
}

// The classification as shown: levels, motivations as an object, status and dates.
json ClassificationJson(const json& c, bool show_motivations) {
  json out = c;
  json motivations = json::parse(c["motivations"].get<std::string>(), nullptr, false);
  out["motivations"] = show_motivations && motivations.is_object() ? motivations : json(nullptr);
  return out;
}

// Makes `system_ids` the systems that process `set`, with an audit event "link" showing the
// links before and after (nothing if they do not change).
void LinkSystems(Tx& tx, const json& set, const json& system_ids) {
  long long id = set["id"].get<long long>();
  std::vector<long long> ids = system_ids.get<std::vector<long long>>();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<long long> before = store::SystemsOfSet(tx, id);
  if (before == ids) return;
  store::SetSystemsOfSet(tx, id, ids);
  store::AuditEvent e;
  e.action = "link";
  e.entity = "information_set";
  e.entity_id = id;
  e.scope_id = set["org_unit_id"].get<long long>();
  e.before_json = json{{"system_ids", before}}.dump();
  e.after_json = json{{"system_ids", ids}}.dump();
  store::AppendAuditEvent(tx, e);
}

// The details a secrecy mark hides from callers without kSecrecyRead (with the
// classification's motivations).
const char* kSecretFields[] = {"description", "retention"};

// Whether `set` (a record or a version of one) is secrecy-marked.
bool Marked(const json& set) {
  return set.is_object() && set.value("secrecy", json(nullptr)).is_string();
}

void Redact(json& set) {
  for (const char* f : kSecretFields) set[f] = nullptr;
  set["redacted"] = true;
}

// Whether the caller may not see the secrecy-marked details of `set` and the set is marked.
bool HidesSecrets(Tx& tx, const Caller& caller, const json& set) {
  return Marked(set) && !CanOnSet(tx, caller, Permission::kSecrecyRead, set);
}

// The class and its reason of each listed set, from the live classifications of the page's
// sets in one query.
void AddListedSetClasses(Tx& tx, std::vector<json>& items) {
  if (items.empty()) return;
  std::vector<long long> set_ids;
  for (const auto& item : items) set_ids.push_back(item["id"].get<long long>());
  std::map<long long, domain::AspectLevels> levels = store::LevelsOfSets(tx, set_ids);
  for (auto& item : items) {
    auto it = levels.find(item["id"].get<long long>());
    if (it != levels.end())
      AddSetClass(item, it->second);
    else
      item["class_reason"] = nullptr;
  }
}

}  // namespace

Result<json> InformationSetService::Readable(Tx& tx, const Caller& caller, long long id) {
  auto set = store::GetRecord(tx, store::InformationSetTable(), id);
  if (!set || !CanOnSet(tx, caller, Permission::kAssetRead, *set)) return NotFound();
  return *set;
}

Result<json> InformationSetService::Full(Tx& tx, const Caller& caller, json set) {
  long long id = set["id"].get<long long>();
  set["system_ids"] = store::SystemsOfSet(tx, id);
  auto unit =
      store::GetRecord(tx, store::OrgUnitTable(), set["org_unit_id"].get<long long>(), true);
  set["org_unit"] = unit ? (*unit)["name"] : json(nullptr);
  bool secret_hidden = HidesSecrets(tx, caller, set);
  if (secret_hidden) Redact(set);
  set["can"] = {{"edit", CanOnSet(tx, caller, Permission::kAssetWrite, set)},
                {"classify", CanOnSet(tx, caller, Permission::kClassify, set)},
                {"approve", CanOnSet(tx, caller, Permission::kApprove, set)}};
  auto c = CurrentClassification(tx, id);
  set["classification"] = nullptr;
  set["security_class"] = nullptr;
  set["class_reason"] = nullptr;
  if (c && c->at("deleted_at").is_null()) {
    set["classification"] = ClassificationJson(*c, !secret_hidden);
    domain::AspectLevels levels;
    for (domain::Aspect a : domain::kAspects)
      levels[static_cast<int>(a)] = (*c)[domain::AspectName(a)].get<int>();
    AddSetClass(set, levels);
  }
  return set;
}

Status InformationSetService::CheckSystems(Tx& tx, const Caller& caller, const json& ids) {
  for (const auto& v : ids) {
    auto system = store::GetRecord(tx, store::SystemTable(), v.get<long long>());
    if (!system) return Invalid("error.system_missing", "system_ids");
    auto object =
        store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>());
    if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
      return Invalid("error.system_missing", "system_ids");
  }
  return {};
}

Result<store::Page> InformationSetService::List(const Caller& caller,
                                                const InformationSetListQuery& q) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterReadableSets(f, caller);
    if (q.system_id) store::AndSetsOfSystem(f, *q.system_id);
    ApplyRegisterFilter(f, RegisterKind::kSets, q);
    // Whether the caller may read secrecy-marked details, decided in the same query.
    store::Filter secrecy;
    FilterSets(secrecy, caller, Permission::kSecrecyRead);
    auto columns = RegisterColumns(RegisterKind::kSets);
    columns.push_back(
        {"secrecy_readable",
         secrecy.sql.empty() ? "1" : "CASE WHEN " + secrecy.sql + " THEN 1 ELSE 0 END",
         secrecy.params});
    auto page = store::ListRecords(tx, store::InformationSetTable(), f, RegisterOrder(q.sort),
                                   q.page.limit, q.page.offset, false, columns);
    for (auto& item : page.items) {
      if (item["secrecy"].is_string() && item["secrecy_readable"] != 1) Redact(item);
      item.erase("secrecy_readable");
    }
    if (q.class_reasons) AddListedSetClasses(tx, page.items);
    return page;
  });
}

Result<json> InformationSetService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto set = Readable(tx, caller, id);
    if (!set.ok()) return set;
    return Full(tx, caller, *set);
  });
}

Result<InformationSetService::NewSet> InformationSetService::NewRecord(const json& body) {
  Status s = CheckInput(body, SetFields(), false);
  if (!s.ok()) return s.error();
  NewSet set;
  set.record = {{"name", body["name"]},
                {"org_unit_id", body["org_unit_id"]},
                {"description", body.value("description", std::string())},
                {"personal_data", body.value("personal_data", std::string("none"))},
                {"secrecy", body.value("secrecy", json(nullptr))},
                {"retention", body.value("retention", json(nullptr))}};
  set.system_ids = body.value("system_ids", json::array());
  return set;
}

Status InformationSetService::CheckNew(Tx& tx, const Caller& caller, NewSet& set,
                                       Permission permission) {
  Status checked = CheckSet(tx, set.record);
  if (!checked.ok()) return checked;
  checked = CheckSystems(tx, caller, set.system_ids);
  if (!checked.ok()) return checked;
  // Allowed at the set's node, or through an object whose systems process it.
  if (!CanOnNewSet(tx, caller, permission, set.record["org_unit_id"].get<long long>(),
                   set.system_ids.get<std::vector<long long>>()))
    return Forbidden();
  return {};
}

json InformationSetService::InsertNew(Tx& tx, const NewSet& set) {
  json created = store::InsertRecord(tx, store::InformationSetTable(), set.record);
  if (!set.system_ids.empty()) LinkSystems(tx, created, set.system_ids);  // a new set has none
  return created;
}

Result<json> InformationSetService::Create(const Caller& caller, const json& body) {
  auto set = NewRecord(body);
  if (!set.ok()) return set.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status checked = CheckNew(tx, caller, *set);
    if (!checked.ok()) return checked.error();
    return Full(tx, caller, InsertNew(tx, *set));
  });
}

Result<json> InformationSetService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, SetFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = Readable(tx, caller, id);
    if (!current.ok()) return current;
    if (!CanOnSet(tx, caller, Permission::kAssetWrite, *current)) return Forbidden();
    json r = *current;
    for (const char* f : kSetFields)
      if (body.contains(f)) r[f] = body[f];
    Status checked = CheckSet(tx, r);
    if (!checked.ok()) return checked.error();
    if (r["org_unit_id"] != (*current)["org_unit_id"] &&
        !Can(tx, caller, Permission::kAssetWrite, r["org_unit_id"].get<long long>()))
      return Forbidden();
    json changes;
    for (const char* f : kSetFields) changes[f] = r[f];
    auto updated =
        store::UpdateRecord(tx, store::InformationSetTable(), id, InputVersion(body), changes);
    if (!updated.ok()) return updated;
    if (body.contains("system_ids")) {
      checked = CheckSystems(tx, caller, body["system_ids"]);
      if (!checked.ok()) return checked.error();
      LinkSystems(tx, *updated, body["system_ids"]);
    }
    return Full(tx, caller, *updated);
  });
}

Result<json> InformationSetService::Delete(const Caller& caller, long long id,
                                           std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = Readable(tx, caller, id);
    if (!current.ok()) return current;
    if (!CanOnSet(tx, caller, Permission::kAssetWrite, *current)) return Forbidden();
    auto c = CurrentClassification(tx, id);
    if (c && (*c)["deleted_at"].is_null())
      store::DeleteRecord(tx, store::ClassificationTable(), (*c)["id"].get<long long>(),
                          (*c)["version"].get<long long>());
    return store::DeleteRecord(tx, store::InformationSetTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<InformationSetService::Draft> InformationSetService::CheckDraft(const json& body) const {
  Draft draft;
  draft.motivations = json::object();
  const json& motivations = body.value("motivations", json::object());
  for (domain::Aspect a : domain::kAspects) {
    std::string name = domain::AspectName(a);
    long long wide = body[name].get<long long>();
    int level = wide < 0 || wide > 1000 ? -1 : static_cast<int>(wide);
    if (!settings_.scale.Valid(level))
      return Invalid("error.level_range", name)
          .With("max", std::to_string(settings_.scale.max_level));
    draft.levels[static_cast<int>(a)] = level;
    const json& m = motivations.value(name, json(nullptr));
    if (!m.is_string() || Trimmed(m.get<std::string>()).empty())
      return Invalid("error.motivation_missing", "motivations." + name);
    draft.motivations[name] = Trimmed(m.get<std::string>());
  }
  for (auto it = motivations.begin(); it != motivations.end(); ++it)
    if (!domain::ParseAspect(it.key()))
      return Invalid("error.field_unknown", "motivations." + it.key());
  return draft;
}

json InformationSetService::DraftValues(Tx& tx, const Caller& caller, const json& set,
                                        const Draft& draft) const {
  auto cls = domain::InformationSetClass(draft.levels, set["id"].get<long long>(), "");
  json values = {{"information_set_id", set["id"]},
                 {"org_unit_id", set["org_unit_id"]},
                 {"security_class", cls->level},
                 {"motivations", draft.motivations.dump()},
                 {"status", "draft"},
                 {"classified_by", caller.user_id},
                 {"classified_at", tx.Now()},
                 {"approved_by", nullptr},
                 {"approved_at", nullptr},
                 {"review_due", nullptr}};
  for (domain::Aspect a : domain::kAspects)
    values[domain::AspectName(a)] = *draft.levels[static_cast<int>(a)];
  return values;
}

Result<json> InformationSetService::Classify(const Caller& caller, long long id, const json& body) {
  static const std::vector<InputField> kFields = {
      {"confidentiality", InputType::kInt, true, false},
      {"integrity", InputType::kInt, true, false},
      {"availability", InputType::kInt, true, false},
      {"traceability", InputType::kInt, true, false},
      {"motivations", InputType::kObject, true, false},
      {"version", InputType::kInt, false, false},
  };
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  auto draft = CheckDraft(body);
  if (!draft.ok()) return draft.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto set = Readable(tx, caller, id);
    if (!set.ok()) return set;
    if (!CanOnSet(tx, caller, Permission::kClassify, *set)) return Forbidden();
    json values = DraftValues(tx, caller, *set, *draft);
    auto current = CurrentClassification(tx, id);
    bool live = current && (*current)["deleted_at"].is_null();
    // Replacing a classification names the version it replaces: no one overwrites another's
    // classification unseen.
    if (live && !body.contains("version")) return Invalid("error.version_required", "version");
    if (live && body["version"] != (*current)["version"]) {
      Error e = MakeError(Code::kConflict, "error.version_conflict");
      e.current_json = current->dump();
      return e;
    }
    if (current) {
      values["deleted_at"] = nullptr;
      auto updated =
          store::UpdateRecord(tx, store::ClassificationTable(), (*current)["id"].get<long long>(),
                              (*current)["version"].get<long long>(), values);
      if (!updated.ok()) return updated;
    } else {
      store::InsertRecord(tx, store::ClassificationTable(), values);
    }
    return Full(tx, caller, *set);
  });
}

Result<json> InformationSetService::Approve(const Caller& caller, long long id, const json& body) {
  static const std::vector<InputField> kFields = {{"version", InputType::kInt, true, false}};
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto set = Readable(tx, caller, id);
    if (!set.ok()) return set;
    if (!CanOnSet(tx, caller, Permission::kApprove, *set)) return Forbidden();
    auto c = CurrentClassification(tx, id);
    if (!c || !(*c)["deleted_at"].is_null())
      return MakeError(Code::kConflict, "error.not_classified");
    if ((*c)["status"] == "approved") return MakeError(Code::kConflict, "error.already_approved");
    std::string today = tx.Now().substr(0, 10);
    auto updated =
        store::UpdateRecord(tx, store::ClassificationTable(), (*c)["id"].get<long long>(),
                            body["version"].get<long long>(),
                            {{"status", "approved"},
                             {"approved_by", caller.user_id},
                             {"approved_at", tx.Now()},
                             {"review_due", *domain::ReviewDate(today, settings_.review_months)}});
    if (!updated.ok()) return updated.error();
    return Full(tx, caller, *set);
  });
}

Result<std::vector<json>> InformationSetService::History(const Caller& caller, long long id) {
  bool secrecy_reader = true, marked = false;
  auto entries =
      history::ReadHistory(db_, store::InformationSetTable(), id, [&](Tx& tx, const json& record) {
        if (!CanOnSet(tx, caller, Permission::kAssetRead, record)) return false;
        secrecy_reader = CanOnSet(tx, caller, Permission::kSecrecyRead, record);
        marked = Marked(record);
        return true;
      });
  if (!entries.ok() || secrecy_reader) return entries;
  // A set that is or ever was secrecy-marked hides its details in every version.
  for (const auto& e : *entries)
    for (const auto& c : e["changes"])
      if (c["field"] == "secrecy" && (c["before"].is_string() || c["after"].is_string()))
        marked = true;
  if (!marked) return entries;
  for (auto& e : *entries)
    for (auto& c : e["changes"])
      for (const char* f : kSecretFields)
        if (c["field"] == f) {
          c["before"] = nullptr;
          c["after"] = nullptr;
          c["redacted"] = true;
        }
  return entries;
}

Result<json> InformationSetService::GetAt(const Caller& caller, long long id,
                                          const std::string& at) {
  bool secrecy_reader = true, marked = false;
  auto then =
      history::ReadAt(db_, store::InformationSetTable(), id, at, [&](Tx& tx, const json& record) {
        if (!CanOnSet(tx, caller, Permission::kAssetRead, record)) return false;
        secrecy_reader = CanOnSet(tx, caller, Permission::kSecrecyRead, record);
        marked = Marked(record);
        return true;
      });
  if (then.ok() && !secrecy_reader && (marked || Marked(*then))) Redact(*then);
  return then;
}

}  // namespace lis::service
