#include "service/org/org_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/org/org_kind.h"
#include "domain/org/org_number.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

const std::vector<InputField>& OrgUnitFields() {
  static const std::vector<InputField> kFields = {
      {"name", InputType::kText, true, false, 200},
      {"kind", InputType::kText, true, false, 20},
      {"parent_id", InputType::kInt, false, true},
      {"org_number", InputType::kText, false, true, 20},
  };
  return kFields;
}

// Normalises and checks name, kind and org number of `record` (the record as it would be).
Status CheckFields(json& record) {
  std::string name = Trimmed(record["name"].get<std::string>());
  if (name.empty()) return Invalid("error.field_blank", "name");
  record["name"] = name;
  const std::string& kind = record["kind"].get_ref<const std::string&>();
  if (!domain::IsOrgKind(kind)) return Invalid("error.org_kind", "kind");
  if (record["org_number"].is_string()) {
    std::string number = Trimmed(record["org_number"].get<std::string>());
    if (number.empty()) {
      record["org_number"] = nullptr;
      return {};
    }
    switch (domain::CheckOrgNumber(number)) {
      case domain::OrgNumberProblem::kNone:
        break;
      case domain::OrgNumberProblem::kFormat:
        return Invalid("error.org_number_format", "org_number");
      case domain::OrgNumberProblem::kNotLegalEntity:
        return Invalid("error.org_number_person", "org_number");
      case domain::OrgNumberProblem::kCheckDigit:
        return Invalid("error.org_number_check", "org_number");
    }
    record["org_number"] = domain::NormaliseOrgNumber(number);
  }
  return {};
}

// Checks that `record` may stand under its parent: the parent exists, the kinds fit, and (for
// a change of the existing node `self`) the parent is not inside the node's own subtree and
// the node's children may stand under its kind.
Status CheckPlacement(Tx& tx, const json& record, std::optional<long long> self) {
  std::optional<std::string> parent_kind;
  if (!record["parent_id"].is_null()) {
    long long parent_id = record["parent_id"].get<long long>();
    auto parent = store::GetRecord(tx, store::OrgUnitTable(), parent_id, true);
    if (!parent) return Invalid("error.org_parent_missing", "parent_id");
    if (!(*parent)["deleted_at"].is_null()) return Invalid("error.org_parent_deleted", "parent_id");
    if (self) {
      auto path = store::OrgPath(tx, parent_id);
      if (std::find(path.begin(), path.end(), *self) != path.end())
        return Invalid("error.org_parent_cycle", "parent_id");
    }
    parent_kind = (*parent)["kind"].get<std::string>();
  }
  const std::string& kind = record["kind"].get_ref<const std::string&>();
  if (!domain::MayPlaceUnder(kind, parent_kind))
    return Invalid("error.org_placement", "parent_id").With("kind", kind);
  if (self) {
    store::Filter children;
    children.And("parent_id = ?", {store::Value(*self)});
    for (const auto& child :
         store::ListRecords(tx, store::OrgUnitTable(), children, "id", 100000, 0).items) {
      const std::string& child_kind = child["kind"].get_ref<const std::string&>();
      if (!domain::MayPlaceUnder(child_kind, std::string_view(kind)))
        return Invalid("error.org_children_placement", "kind").With("kind", child_kind);
    }
  }
  return {};
}

std::optional<long long> ParentOf(const json& record) {
  if (record["parent_id"].is_null()) return std::nullopt;
  return record["parent_id"].get<long long>();
}

}  // namespace

Result<store::Page> OrgService::List(const Caller& caller, const OrgListQuery& query) {
  auto scopes = ScopesOf(caller, Permission::kOrgRead);
  if (!scopes.any()) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter filter;
    store::FilterToSubtrees(filter, "id", scopes);
    if (query.parent_id) filter.And("parent_id = ?", {store::Value(*query.parent_id)});
    if (query.roots_only) filter.And("parent_id IS NULL");
    return store::ListRecords(tx, store::OrgUnitTable(), filter, "name, id", query.page.limit,
                              query.page.offset, query.deleted);
  });
}

Result<json> OrgService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto record = store::GetRecord(tx, store::OrgUnitTable(), id);
    if (!record) return NotFound();
    if (!Can(tx, caller, Permission::kOrgRead, id)) return NotFound();
    return *record;
  });
}

Result<json> OrgService::Create(const Caller& caller, const json& body) {
  Status s = CheckInput(body, OrgUnitFields(), false);
  if (!s.ok()) return s.error();
  json record = {{"name", body["name"]},
                 {"kind", body["kind"]},
                 {"parent_id", body.value("parent_id", json(nullptr))},
                 {"org_number", body.value("org_number", json(nullptr))}};
  s = CheckFields(record);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    if (!Can(tx, caller, Permission::kOrgWrite, ParentOf(record))) return Forbidden();
    Status placed = CheckPlacement(tx, record, std::nullopt);
    if (!placed.ok()) return placed.error();
    return store::InsertRecord(tx, store::OrgUnitTable(), record);
  });
}

// Writes `record` (the node as it should be) over `current` after the same checks for every
// kind of change: fields, permission at the old and new place, placement.
Result<json> OrgService::Save(Tx& tx, const Caller& caller, const json& current, json record,
                              long long expected_version, const std::string& action) {
  long long id = current["id"].get<long long>();
  if (!Can(tx, caller, Permission::kOrgWrite, id)) return Forbidden();
  Status checked = CheckFields(record);
  if (!checked.ok()) return checked.error();
  bool moved = record["parent_id"] != current["parent_id"];
  if (moved && !Can(tx, caller, Permission::kOrgWrite, ParentOf(record))) return Forbidden();
  if (moved || record["kind"] != current["kind"] || !current["deleted_at"].is_null()) {
    Status placed = CheckPlacement(tx, record, id);
    if (!placed.ok()) return placed.error();
  }
  json changes;
  for (const char* f : {"name", "kind", "parent_id", "org_number"}) changes[f] = record[f];
  if (!current["deleted_at"].is_null()) changes["deleted_at"] = nullptr;
  return store::UpdateRecord(tx, store::OrgUnitTable(), id, expected_version, changes, action);
}

Result<json> OrgService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, OrgUnitFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::OrgUnitTable(), id);
    if (!current || !Can(tx, caller, Permission::kOrgRead, id)) return NotFound();
    json record = *current;
    for (const char* f : {"name", "kind", "parent_id", "org_number"})
      if (body.contains(f)) record[f] = body[f];
    return Save(tx, caller, *current, record, InputVersion(body), "update");
  });
}

Result<std::vector<json>> OrgService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::OrgUnitTable(), id, [&](Tx& tx, const json& record) {
    return Can(tx, caller, Permission::kOrgRead, id);
  });
}

Result<json> OrgService::GetAt(const Caller& caller, long long id, const std::string& at) {
  return history::ReadAt(db_, store::OrgUnitTable(), id, at, [&](Tx& tx, const json& record) {
    return Can(tx, caller, Permission::kOrgRead, id);
  });
}

Result<json> OrgService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::OrgUnitTable(), id, true);
    if (!current || !Can(tx, caller, Permission::kOrgRead, id)) return NotFound();
    auto old = history::Version(tx, store::OrgUnitTable(), id, *target);
    if (!old) return Invalid("error.version_unknown", "version");
    return Save(tx, caller, *current, *old, (*current)["version"].get<long long>(), "restore");
  });
}

Result<json> OrgService::Delete(const Caller& caller, long long id,
                                std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::OrgUnitTable(), id);
    if (!current || !Can(tx, caller, Permission::kOrgRead, id)) return NotFound();
    if (!Can(tx, caller, Permission::kOrgWrite, id)) return Forbidden();
    if (store::CountOrgDependants(tx, id) > 0)
      return MakeError(Code::kConflict, "error.org_not_empty");
    return store::DeleteRecord(tx, store::OrgUnitTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

}  // namespace lis::service
