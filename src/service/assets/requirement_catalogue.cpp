// Editing the protection-requirement catalogue: create, update, retire, export and import.
#include <nlohmann/json.hpp>

#include "service/assets/asset_access.h"
#include "service/assets/requirement_format.h"
#include "service/assets/requirement_service.h"
#include "service/authorizer.h"
#include "service/catalogue_access.h"
#include "service/controls/control_links.h"
#include "service/input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<InputField>& RequirementInputFields() {
  static const std::vector<InputField> kFields = {
      {"code", InputType::kText, true, false, 40},
      {"area", InputType::kText, true, false, 100},
      {"aspect", InputType::kText, true, false, 20},
      {"min_level", InputType::kInt, true, false},
      {"text_sv", InputType::kLongText, true, false, 4000},
      {"text_en", InputType::kLongText, true, false, 4000},
      {"guidance_sv", InputType::kLongText, false, false, 8000},
      {"guidance_en", InputType::kLongText, false, false, 8000},
  };
  return kFields;
}

// Checks a create or update body: the fields of RequirementInputFields() plus "controls" (a list of
// text).
Status CheckBody(const json& body, bool for_update) {
  if (!body.is_object()) return Invalid("error.body_not_object", "");
  json rest = body;
  rest.erase("controls");
  Status s = CheckInput(rest, RequirementInputFields(), for_update);
  if (!s.ok()) return s;
  if (body.contains("controls") && !body["controls"].is_array())
    return Invalid("error.controls", "controls");
  return {};
}

// `record` with its text trimmed; the first problem of its content, if any.
Status Normalised(json& record, const domain::ClassificationScale& scale) {
  for (const char* f : RequirementFields())
    if (record[f].is_string()) record[f] = Trimmed(record[f].get<std::string>());
  auto errors = CheckRequirementRecord(record, scale);
  if (!errors.empty()) return errors.front();
  return {};
}

// The id of the requirement (live or retired) with `code`, other than `except`.
std::optional<long long> CodeHolder(Tx& tx, const std::string& code, long long except = 0) {
  return store::RequirementWithCode(tx, code, except);
}

// The control references of `record` that name no control of the framework library.
Status CheckControls(const std::set<std::string>& known, const json& record) {
  auto unknown = UnknownControlRefs(known, record.value("controls", json::array()));
  if (unknown.empty()) return {};
  std::string refs;
  for (const auto& r : unknown) refs += (refs.empty() ? "" : ", ") + r;
  return Invalid("error.control_unknown", "controls").With("refs", refs);
}

// The result of a write as shown; a conflict carries the current requirement as shown too.
Result<json> Stored(const Result<json>& r) {
  if (r.ok()) return ShownRequirement(r.value());
  Error e = r.error();
  if (!e.current_json.empty())
    e.current_json = ShownRequirement(json::parse(e.current_json)).dump();
  return e;
}

}  // namespace

Result<json> RequirementService::Get(const Caller& caller, long long id) {
  if (!CanReadAnyAsset(caller)) return NotFound();
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto r = store::GetRecord(tx, store::RequirementTable(), id);
    if (!r) return NotFound();
    json shown = ShownRequirement(*r);
    shown["control_links"] = ControlLinks(tx, shown["controls"]);
    return shown;
  });
}

bool RequirementService::MayEdit(const Caller& caller) {
  auto may =
      db_.ReadResult<bool>([&](Tx& tx) -> Result<bool> { return CanWriteCatalogue(tx, caller); });
  return may.ok() && *may;
}

Result<json> RequirementService::Create(const Caller& caller, const json& body) {
  if (!MayEdit(caller)) return Forbidden();
  Status s = CheckBody(body, false);
  if (!s.ok()) return s.error();
  json record = json::object();
  for (const char* f : RequirementFields()) record[f] = body.value(f, json(""));
  record["controls"] = body.value("controls", json::array());
  s = Normalised(record, scale_);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    if (CodeHolder(tx, record["code"])) return Invalid("error.requirement_code_taken", "code");
    Status controls = CheckControls(AnnexAControlRefs(tx), record);
    if (!controls.ok()) return controls.error();
    return ShownRequirement(
        store::InsertRecord(tx, store::RequirementTable(), StoredRequirement(record)));
  });
}

Result<json> RequirementService::Update(const Caller& caller, long long id, const json& body) {
  if (!MayEdit(caller)) return Forbidden();
  Status s = CheckBody(body, true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::RequirementTable(), id);
    if (!current) return NotFound();
    json record = ShownRequirement(*current);
    for (const char* f : RequirementFields())
      if (body.contains(f)) record[f] = body[f];
    Status checked = Normalised(record, scale_);
    if (!checked.ok()) return checked.error();
    if (CodeHolder(tx, record["code"], id)) return Invalid("error.requirement_code_taken", "code");
    Status controls = CheckControls(AnnexAControlRefs(tx), record);
    if (!controls.ok()) return controls.error();
    return Stored(store::UpdateRecord(tx, store::RequirementTable(), id, InputVersion(body),
                                      StoredRequirement(record)));
  });
}

Result<json> RequirementService::Delete(const Caller& caller, long long id,
                                        std::optional<long long> version) {
  if (!MayEdit(caller)) return Forbidden();
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::RequirementTable(), id);
    if (!current) return NotFound();
    return Stored(store::DeleteRecord(tx, store::RequirementTable(), id,
                                      version.value_or((*current)["version"].get<long long>())));
  });
}

Result<json> RequirementService::Export(const Caller& caller) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    json entries = json::array();
    for (auto& r : store::ListRecords(tx, store::RequirementTable(), {}, "code", 1000000, 0).items)
      entries.push_back(RequirementEntry(ShownRequirement(r)));
    return json{{"version", 1}, {"requirements", entries}};
  });
}

namespace {

// Every problem of an import document, each naming its entry; the records it holds.
std::vector<Error> CheckDocument(const json& doc, const domain::ClassificationScale& scale,
                                 const std::set<std::string>& controls,
                                 std::vector<json>& records) {
  std::vector<Error> errors;
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "version" && it.key() != "requirements")
      errors.push_back(Invalid("error.field_unknown", it.key()));
  if (!doc.contains("version") || doc["version"] != 1)
    errors.push_back(Invalid("error.catalogue_version", "version"));
  if (!doc.contains("requirements") || !doc["requirements"].is_array()) {
    errors.push_back(Invalid("error.field_not_list", "requirements"));
    return errors;
  }
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < doc["requirements"].size(); ++i) {
    const json& entry = doc["requirements"][i];
    std::vector<Error> entry_errors;
    json record = RequirementFromEntry(entry, scale, entry_errors);
    if (entry_errors.empty()) {
      Status known = CheckControls(controls, record);
      if (!known.ok()) entry_errors.push_back(known.error());
    }
    std::string code = record.value("code", "");
    if (!code.empty()) {
      auto [at, fresh] = seen.emplace(code, i);
      if (!fresh)
        entry_errors.push_back(Invalid("error.requirement_code_duplicate", "id")
                                   .With("first", std::to_string(at->second)));
    }
    std::string prefix = "requirements[" + std::to_string(i) + "]";
    for (auto& e : entry_errors) {
      e.field = e.field.empty() ? prefix : prefix + "." + e.field;
      e.args["field"] = e.field;
      e.args["index"] = std::to_string(i);
      if (!code.empty()) e.args["code"] = code;
      errors.push_back(std::move(e));
    }
    records.push_back(std::move(record));
  }
  return errors;
}

}  // namespace

Result<json> RequirementService::Import(const Caller& caller, const json& document) {
  if (!MayEdit(caller)) return Forbidden();
  // A pasted "\u0000" is a NUL once parsed: refused here as at the request's boundary.
  if (Status text = CheckJsonText(document); !text.ok()) return text.error();
  auto controls = db_.ReadResult<std::set<std::string>>(
      [&](Tx& tx) -> Result<std::set<std::string>> { return AnnexAControlRefs(tx); });
  if (!controls.ok()) return controls.error();
  std::vector<json> records;
  std::vector<Error> errors = CheckDocument(document, scale_, *controls, records);
  if (!errors.empty()) {
    Error refused = MakeError(Code::kInvalid, "error.import_refused")
                        .With("count", std::to_string(errors.size()));
    refused.details = std::move(errors);
    return refused;
  }
  return db_.WriteResult<json>(caller.ToActor("catalogue import"), [&](Tx& tx) -> Result<json> {
    int created = 0, updated = 0, unchanged = 0;
    for (const auto& record : records) {
      auto id = CodeHolder(tx, record["code"]);
      if (!id) {
        store::InsertRecord(tx, store::RequirementTable(), StoredRequirement(record));
        ++created;
        continue;
      }
      auto current = store::GetRecord(tx, store::RequirementTable(), *id, true);
      bool retired = !(*current)["deleted_at"].is_null();
      if (!retired && SameRequirement(ShownRequirement(*current), record)) {
        ++unchanged;
        continue;
      }
      json changes = StoredRequirement(record);
      if (retired) changes["deleted_at"] = nullptr;
      // A retired requirement in the file comes back (an audited "restore").
      auto r = store::UpdateRecord(tx, store::RequirementTable(), *id,
                                   (*current)["version"].get<long long>(), changes,
                                   retired ? "restore" : "update");
      if (!r.ok()) return r.error();
      ++updated;
    }
    return json{{"created", created}, {"updated", updated}, {"unchanged", unchanged}};
  });
}

}  // namespace lis::service
