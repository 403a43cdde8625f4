#include "service/controls/soa_service.h"

#include <map>

#include "core/clock.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/controls/soa_access.h"
#include "service/input.h"
#include "service/org/user_reference.h"
#include "store/controls/soa_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

json ZeroCounts() {
  json c;
  for (const char* f : {"controls", "not_assessed", "applicable", "not_applicable", "implemented",
                        "partly_implemented", "not_started"})
    c[f] = 0;
  return c;
}

void Count(json& c, const json& item) {
  c["controls"] = c["controls"].get<long long>() + 1;
  auto add = [&](const char* f) { c[f] = c[f].get<long long>() + 1; };
  if (item["applicable"].is_null()) return add("not_assessed");
  if (!item["applicable"].get<bool>()) return add("not_applicable");
  add("applicable");
  add(item["status"].get<std::string>().c_str());
}

void AddPercent(json& c) {
  long long applicable = c["applicable"].get<long long>();
  c["implemented_percent"] =
      applicable == 0 ? json(nullptr) : json(c["implemented"].get<long long>() * 100 / applicable);
}

const std::vector<InputField>& EntryFields() {
  static const std::vector<InputField> kFields = {
      {"applicable", InputType::kBool, false, true},
      {"justification", InputType::kLongText, false, false, 4000},
      {"status", InputType::kText, false, false, 30},
      {"responsible_id", InputType::kInt, false, true},
      {"implementation", InputType::kLongText, false, false, 4000},
      {"last_reviewed", InputType::kText, false, true, 10},
      {"version", InputType::kInt, true, false},  // 0 for an entry never written
  };
  return kFields;
}

// The entry as `body` would make it from `item` (the current item); checked.
Result<json> MergedEntry(Tx& tx, const SoaKey& key, const json& item, const json& body) {
  json e;
  for (const char* f : {"applicable", "justification", "status", "responsible_id", "implementation",
                        "last_reviewed"})
    e[f] = body.contains(f) ? body[f] : item[f];
  for (const char* f : {"justification", "implementation"}) e[f] = Trimmed(e[f].get<std::string>());
  std::string status = e["status"];
  if (status != "not_started" && status != "partly_implemented" && status != "implemented")
    return Invalid("error.soa_status", "status");
  if (!e["applicable"].is_null() && e["justification"].get<std::string>().empty())
    return Invalid("error.soa_justification", "justification");
  if (e["last_reviewed"].is_string() && !IsDate(e["last_reviewed"].get<std::string>()))
    return Invalid("error.soa_date", "last_reviewed");
  if (e["responsible_id"].is_number_integer() && e["responsible_id"] != item["responsible_id"]) {
    Status s = CheckUserReference(tx, "responsible_id", e["responsible_id"].get<long long>(),
                                  key.org_unit_id);
    if (!s.ok()) return s.error();
  }
  return e;
}

json FindItem(const json& document, const std::string& ref) {
  for (const auto& item : document["items"])
    if (item["control_ref"] == ref) return item;
  return nullptr;
}

json VersionJson(const json& record, bool with_snapshot, const std::string& language) {
  json out;
  for (const char* f : {"id", "org_unit_id", "framework_id", "number", "issued_on", "approved_by",
                        "approved_by_name", "note", "created_at"})
    out[f] = record[f];
  if (with_snapshot)
    out["soa"] = LocalisedSoa(json::parse(record["snapshot"].get<std::string>()), language);
  return out;
}

store::Filter VersionFilter(const SoaKey& key) {
  store::Filter f;
  f.And("org_unit_id = ? AND framework_id = ?", {Value(key.org_unit_id), Value(key.framework_id)});
  return f;
}

}  // namespace

json SummariseSoa(const json& document) {
  json themes = json::array();
  std::map<std::string, size_t> index;
  for (const auto& t : document["themes"]) {
    json row = ZeroCounts();
    row["theme"] = t["code"];
    row["name_sv"] = t["name_sv"];
    row["name_en"] = t["name_en"];
    index[t["code"].get<std::string>()] = themes.size();
    themes.push_back(row);
  }
  json total = ZeroCounts();
  for (const auto& item : document["items"]) {
    std::string theme = item["theme"];
    if (!index.count(theme)) {
      json row = ZeroCounts();
      row["theme"] = theme;
      row["name_sv"] = theme;
      row["name_en"] = theme;
      index[theme] = themes.size();
      themes.push_back(row);
    }
    Count(themes[index[theme]], item);
    Count(total, item);
  }
  for (auto& t : themes) AddPercent(t);
  AddPercent(total);
  return {{"themes", themes}, {"total", total}};
}

json LocalisedSoa(json document, const std::string& language) {
  const std::string sfx = language == "en" ? "_en" : "_sv";
  document["framework_name"] = document["framework_name" + sfx];
  std::map<std::string, json> theme_names;
  for (auto& t : document["themes"]) {
    t["name"] = t["name" + sfx];
    theme_names[t["code"].get<std::string>()] = t["name"];
  }
  for (auto& item : document["items"]) {
    item["title"] = item["title" + sfx];
    auto it = theme_names.find(item["theme"].get<std::string>());
    item["theme_name"] = it == theme_names.end() ? item["theme"] : it->second;
  }
  return document;
}

Result<std::vector<json>> SoaService::Organisations(const Caller& caller) {
  return db_.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    auto scopes = ScopesOf(caller, Permission::kControlRead);
    std::vector<json> out;
    if (!scopes.any()) return out;
    store::Filter f;
    f.And("kind IN ('municipality', 'company')");
    store::FilterToSubtrees(f, "id", scopes);
    for (auto& org : store::ListRecords(tx, store::OrgUnitTable(), f, "name, id", 10000, 0).items)
      out.push_back({{"id", org["id"]}, {"name", org["name"]}, {"kind", org["kind"]}});
    return out;
  });
}

bool SoaService::MayWrite(const Caller& caller, long long org_unit_id) {
  auto ok = db_.ReadResult<bool>([&](Tx& tx) -> Result<bool> {
    return Can(tx, caller, Permission::kControlWrite, org_unit_id);
  });
  return ok.ok() && *ok;
}

Result<std::vector<json>> SoaService::Responsibles(const Caller& caller, long long org_unit_id) {
  return db_.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    auto org = ReachOrganisation(tx, caller, org_unit_id, Permission::kControlWrite);
    if (!org.ok()) return org.error();
    store::Filter f;
    f.And("active = 1");
    domain::PermissionScopes scope;
    scope.roots = {org_unit_id};
    store::FilterToSubtrees(f, "org_unit_id", scope);
    std::vector<json> out;
    for (auto& u : store::ListRecords(tx, store::UserTable(), f, "name, id", 10000, 0).items)
      out.push_back({{"id", u["id"]}, {"name", u["name"]}});
    return out;
  });
}

bool SoaService::MayIssue(const Caller& caller, long long org_unit_id) {
  auto ok = db_.ReadResult<bool>(
      [&](Tx& tx) -> Result<bool> { return Can(tx, caller, Permission::kSoaIssue, org_unit_id); });
  return ok.ok() && *ok;
}

Result<json> SoaService::Get(const Caller& caller, const SoaKey& key) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlRead);
    if (!target.ok()) return target.error();
    return LocalisedSoa(BuildSoa(tx, *target), caller.language);
  });
}

Result<json> SoaService::Summary(const Caller& caller, const SoaKey& key) {
  auto document = Get(caller, key);
  if (!document.ok()) return document.error();
  return SummariseSoa(*document);
}

Result<json> SoaService::Entry(const Caller& caller, const SoaKey& key, const std::string& ref) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlRead);
    if (!target.ok()) return target.error();
    json item = FindItem(LocalisedSoa(BuildSoa(tx, *target), caller.language), ref);
    if (item.is_null()) return NotFound();
    item["history"] = json::array();
    auto row = tx.QueryOne(
        "SELECT id FROM soa_entries WHERE org_unit_id = ? AND framework_id = ? AND control_id = ?",
        {Value(key.org_unit_id), Value(key.framework_id),
         Value(item["control_id"].get<long long>())},
        {store::Col::kInt});
    if (row) item["history"] = history::Entries(tx, store::SoaEntryTable(), row->Int(0));
    return item;
  });
}

Result<json> SoaService::Update(const Caller& caller, const SoaKey& key, const std::string& ref,
                                const json& body) {
  Status s = CheckInput(body, EntryFields(), false);
  if (!s.ok()) return s.error();
  if (body["version"].get<long long>() < 0) return Invalid("error.soa_version", "version");
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlWrite);
    if (!target.ok()) return target.error();
    auto control_id = ControlIdByRef(tx, key.framework_id, ref);
    if (!control_id.ok()) return control_id.error();
    json item = FindItem(BuildSoa(tx, *target), ref);
    auto values = MergedEntry(tx, key, item, body);
    if (!values.ok()) return values.error();
    long long version = body["version"].get<long long>();
    if (item["version"].get<long long>() == 0) {
      if (version != 0) {
        Error e = MakeError(Code::kConflict, "error.version_conflict");
        e.current_json = item.dump();
        return e;
      }
      (*values)["org_unit_id"] = key.org_unit_id;
      (*values)["framework_id"] = key.framework_id;
      (*values)["control_id"] = *control_id;
      store::InsertRecord(tx, store::SoaEntryTable(), *values);
    } else {
      auto row = tx.QueryOne(
          "SELECT id FROM soa_entries WHERE org_unit_id = ? AND framework_id = ? AND "
          "control_id = ?",
          {Value(key.org_unit_id), Value(key.framework_id), Value(*control_id)},
          {store::Col::kInt});
      auto updated = store::UpdateRecord(tx, store::SoaEntryTable(), row->Int(0), version, *values);
      if (!updated.ok()) return updated.error();
    }
    return FindItem(LocalisedSoa(BuildSoa(tx, *target), caller.language), ref);
  });
}

Result<json> SoaService::Issue(const Caller& caller, const SoaKey& key, const json& body) {
  static const std::vector<InputField> kFields = {
      {"note", InputType::kLongText, false, false, 2000}};
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kSoaIssue);
    if (!target.ok()) return target.error();
    json values = {
        {"org_unit_id", key.org_unit_id},
        {"framework_id", key.framework_id},
        {"number", store::LastSoaVersionNumber(tx, key.org_unit_id, key.framework_id) + 1},
        {"issued_on", tx.Now().substr(0, 10)},
        {"approved_by", caller.user_id},
        {"approved_by_name", caller.name},
        {"note", Trimmed(body.value("note", std::string()))},
        {"snapshot", BuildSoa(tx, *target).dump()}};
    return VersionJson(store::InsertRecord(tx, store::SoaVersionTable(), values), true,
                       caller.language);
  });
}

Result<store::Page> SoaService::Versions(const Caller& caller, const SoaKey& key) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlRead);
    if (!target.ok()) return target.error();
    auto page = store::ListRecords(tx, store::SoaVersionTable(), VersionFilter(key), "number DESC",
                                   100000, 0);
    for (auto& v : page.items) v = VersionJson(v, false, caller.language);
    return page;
  });
}

Result<json> SoaService::Version(const Caller& caller, const SoaKey& key, long long number) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlRead);
    if (!target.ok()) return target.error();
    auto f = VersionFilter(key);
    f.And("number = ?", {Value(number)});
    auto page = store::ListRecords(tx, store::SoaVersionTable(), f, "id", 1, 0);
    if (page.items.empty()) return NotFound();
    return VersionJson(page.items.front(), true, caller.language);
  });
}

}  // namespace lis::service
