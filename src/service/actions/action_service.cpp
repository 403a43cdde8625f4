#include "service/actions/action_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/actions/action_rules.h"
#include "service/actions/action_query.h"
#include "service/assets/requirement_service.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "service/org/user_reference.h"
#include "store/actions/action_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<InputField>& ActionFields() {
  static const std::vector<InputField> kFields = {
      {"title", InputType::kText, true, false, 200},
      {"description", InputType::kLongText, false, false, 4000},
      {"owner_id", InputType::kInt, true, false},
      {"org_unit_id", InputType::kInt, true, false},
      {"due_date", InputType::kText, true, false, 40},
      {"priority", InputType::kText, false, false, 40},
      {"status", InputType::kText, false, false, 40},
      {"progress_note", InputType::kLongText, false, false, 4000},
      {"origin", InputType::kText, false, false, 40},
      {"origin_id", InputType::kInt, false, true},
      {"origin_ref", InputType::kText, false, true, 100},
  };
  return kFields;
}

// The fields an owner without kActionWrite may change.
bool OwnerField(const std::string& name) {
  return name == "status" || name == "progress_note";
}

Status CheckChoice(const json& r, const std::string& field,
                   const std::vector<std::string>& allowed) {
  if (domain::IsOneOf(r[field].get<std::string>(), allowed)) return {};
  return Invalid("error.action_choice", field).With("allowed", JoinedList(allowed));
}

// Checks the values of an action as it would be (not its references).
Status CheckValues(json& r) {
  r["title"] = Trimmed(r["title"].get<std::string>());
  if (r["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  if (!IsDate(r["due_date"].get<std::string>()))
    return Invalid("error.action_due_date", "due_date");
  for (auto [field, allowed] : {std::pair{"priority", &domain::ActionPriorities()},
                                std::pair{"status", &domain::ActionStatuses()},
                                std::pair{"origin", &domain::ActionOriginKinds()}}) {
    Status s = CheckChoice(r, field, *allowed);
    if (!s.ok()) return s;
  }
  if (r["origin_ref"].is_string()) {
    r["origin_ref"] = Trimmed(r["origin_ref"].get<std::string>());
    if (r["origin_ref"].get<std::string>().empty()) r["origin_ref"] = nullptr;
  }
  return {};
}

bool UnitLive(Tx& tx, long long unit) {
  return tx
      .QueryOne("SELECT id FROM org_units WHERE id = ? AND deleted_at IS NULL", {Value(unit)},
                {store::Col::kInt})
      .has_value();
}

// The node an action is placed at: it must exist and be visible to the caller (kOrgRead or
// kActionRead there, else kInvalid naming org_unit_id); placing needs kActionWrite.
Status CheckUnit(Tx& tx, const Caller& caller, long long unit) {
  if (!UnitLive(tx, unit) || (!Can(tx, caller, Permission::kOrgRead, unit) &&
                              !Can(tx, caller, Permission::kActionRead, unit)))
    return Invalid("error.org_unit_missing", "org_unit_id");
  if (!Can(tx, caller, Permission::kActionWrite, unit)) return Forbidden();
  return {};
}

// The owner: a user who may be named on a record at `unit` (CheckUserReference) and can see
// that node (holds kOrgRead there).
Status CheckOwner(Tx& tx, long long owner, long long unit) {
  Status s = CheckUserReference(tx, "owner_id", owner, unit);
  if (!s.ok()) return s;
  if (!domain::Allows(store::LoadGrants(tx, owner), Permission::kOrgRead, store::OrgPath(tx, unit)))
    return Invalid("error.action_owner_scope", "owner_id");
  return {};
}

std::optional<long long> OptId(const json& r, const char* key) {
  return r[key].is_number_integer() ? std::optional<long long>(r[key].get<long long>())
                                    : std::nullopt;
}

std::string RefOf(const json& r) {
  return r["origin_ref"].is_string() ? r["origin_ref"].get<std::string>() : "";
}

bool Readable(Tx& tx, const Caller& caller, const json& action) {
  return CanReadAction(tx, caller, action);
}

json Changes(const json& r) {
  json c;
  for (const auto& f : store::ActionTable().fields) c[f.name] = r[f.name];
  return c;
}

// The statuses of every live action of the origin of `action`.
std::vector<std::string> OriginStatuses(Tx& tx, const json& action) {
  std::vector<std::string> out;
  for (const auto& row :
       tx.Query("SELECT status FROM actions WHERE origin = ? AND origin_id = ? AND "
                "COALESCE(origin_ref, '') = ? AND deleted_at IS NULL",
                {Value(action["origin"].get<std::string>()),
                 Value(action["origin_id"].get<long long>()), Value(RefOf(action))},
                {store::Col::kText}))
    out.push_back(row.Text(0));
  return out;
}

std::vector<store::ComputedField> Names() {
  return {
      {"owner_name", "(SELECT u.name FROM users u WHERE u.id = actions.owner_id)", {}, true},
      {"org_unit", "(SELECT o.name FROM org_units o WHERE o.id = actions.org_unit_id)", {}, true}};
}

}  // namespace

bool CanReadAction(Tx& tx, const Caller& caller, const json& action) {
  return action["owner_id"].get<long long>() == caller.user_id ||
         Can(tx, caller, Permission::kActionRead, action["org_unit_id"].get<long long>());
}

ActionService::ActionService(store::Database& db) : db_(db) {
  RegisterBuiltInOrigins(origins_);
}

namespace {
// Whether the caller holds kActionWrite on each node asked about, each looked up once (a page
// of actions shares few nodes).
using WritableNodes = std::map<long long, bool>;

// Adds what a reader of `action` sees besides its fields.
void Decorate(Tx& tx, const Caller& caller, const ActionOrigins& origins, json& a,
              WritableNodes& writable) {
  long long unit = a["org_unit_id"].get<long long>();
  if (!a.contains("owner_name")) {
    auto owner = tx.QueryOne("SELECT name FROM users WHERE id = ?",
                             {Value(a["owner_id"].get<long long>())}, {store::Col::kText});
    auto node =
        tx.QueryOne("SELECT name FROM org_units WHERE id = ?", {Value(unit)}, {store::Col::kText});
    a["owner_name"] = owner ? owner->Text(0) : "";
    a["org_unit"] = node ? node->Text(0) : "";
  }
  std::string status = a["status"];
  a["overdue"] = domain::ActionOpen(status) && a["due_date"].get<std::string>() < Today();
  OriginLink link = origins.Link(tx, a["origin"].get<std::string>(), OptId(a, "origin_id"),
                                 RefOf(a), caller.language);
  a["origin_url"] = link.url.empty() ? json(nullptr) : json(link.url);
  a["origin_label"] = link.label.empty() ? json(nullptr) : json(link.label);
  auto known = writable.find(unit);
  if (known == writable.end())
    known = writable.emplace(unit, Can(tx, caller, Permission::kActionWrite, unit)).first;
  bool writer = known->second;
  bool owner = a["owner_id"].get<long long>() == caller.user_id;
  a["can"] = {{"edit", writer}, {"status", writer || owner}, {"delete", writer}};
}

void Decorate(Tx& tx, const Caller& caller, const ActionOrigins& origins, json& a) {
  WritableNodes writable;
  Decorate(tx, caller, origins, a, writable);
}
}  // namespace

Result<store::Page> ActionService::List(const Caller& caller, const ActionListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    std::vector<store::Filter> counted(1);  // counted apart and summed
    auto scopes = ScopesOf(caller, Permission::kActionRead);
    if (!scopes.everywhere) {
      store::Filter units;
      store::FilterToSubtrees(units, "actions.org_unit_id", scopes);
      store::ActionReach reach = store::ActionsReadBy(units, caller.user_id);
      f = reach.all;
      // SQLite counts the two halves from an index each; PostgreSQL counts through OR from a
      // bitmap of both indexes by itself.
      if (tx.dialect() == store::Dialect::kSqlite)
        counted.assign(std::begin(reach.parts), std::end(reach.parts));
      else
        counted = {f};
    }
    ApplyActionFilter(f, q);
    long long total = 0;
    for (store::Filter& part : counted) {
      ApplyActionFilter(part, q);
      total += store::CountRecords(tx, store::ActionTable(), part);
    }
    auto page = store::ListCountedRecords(tx, store::ActionTable(), total, f, ActionOrder(q.sort),
                                          q.page.limit, q.page.offset, false, Names());
    WritableNodes writable;
    for (auto& a : page.items) Decorate(tx, caller, origins_, a, writable);
    return page;
  });
}

Result<json> ActionService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto a = store::GetRecord(tx, store::ActionTable(), id);
    if (!a || !Readable(tx, caller, *a)) return NotFound();
    Decorate(tx, caller, origins_, *a);
    return *a;
  });
}

Result<json> ActionService::Create(const Caller& caller, const json& body) {
  Status s = CheckInput(body, ActionFields(), false);
  if (!s.ok()) return s.error();
  json r = {{"title", body["title"]},
            {"description", body.value("description", std::string())},
            {"owner_id", body["owner_id"]},
            {"org_unit_id", body["org_unit_id"]},
            {"due_date", body["due_date"]},
            {"priority", body.value("priority", std::string("medium"))},
            {"status", body.value("status", std::string("planned"))},
            {"progress_note", body.value("progress_note", std::string())},
            {"origin", body.value("origin", std::string("manual"))},
            {"origin_id", body.value("origin_id", json(nullptr))},
            {"origin_ref", body.value("origin_ref", json(nullptr))},
            {"completed_at", nullptr}};
  s = CheckValues(r);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    long long unit = r["org_unit_id"];
    Status checked = CheckUnit(tx, caller, unit);
    if (checked.ok()) checked = CheckOwner(tx, r["owner_id"].get<long long>(), unit);
    if (checked.ok())
      checked = origins_.Check(tx, caller, r["origin"].get<std::string>(), OptId(r, "origin_id"),
                               RefOf(r));
    if (!checked.ok()) return checked.error();
    if (r["status"] == "done") r["completed_at"] = tx.Now();
    json created = store::InsertRecord(tx, store::ActionTable(), r);
    Decorate(tx, caller, origins_, created);
    return created;
  });
}

namespace {
// Whether `changed` (the action after the body is applied) differs from `current` in a field
// only kActionWrite may change.
bool ChangesBeyondOwner(const json& body, const json& current, const json& changed) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "version" || k == "comment" || OwnerField(k)) continue;
    if (changed[k] != current[k]) return true;
  }
  return false;
}
}  // namespace

Result<json> ActionService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, ActionFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::ActionTable(), id);
    if (!current || !Readable(tx, caller, *current)) return NotFound();
    long long unit = (*current)["org_unit_id"];
    bool writer = Can(tx, caller, Permission::kActionWrite, unit);
    bool owner = (*current)["owner_id"].get<long long>() == caller.user_id;
    json r = *current;
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "version" && it.key() != "comment") r[it.key()] = *it;
    if (!writer && (!owner || ChangesBeyondOwner(body, *current, r))) return Forbidden();
    Status checked = CheckValues(r);
    long long new_unit = r["org_unit_id"];
    if (checked.ok() && new_unit != unit) checked = CheckUnit(tx, caller, new_unit);
    if (checked.ok() && (new_unit != unit || r["owner_id"] != (*current)["owner_id"]))
      checked = CheckOwner(tx, r["owner_id"].get<long long>(), new_unit);
    if (checked.ok() &&
        (r["origin"] != (*current)["origin"] || r["origin_id"] != (*current)["origin_id"] ||
         r["origin_ref"] != (*current)["origin_ref"]))
      checked = origins_.Check(tx, caller, r["origin"].get<std::string>(), OptId(r, "origin_id"),
                               RefOf(r));
    if (!checked.ok()) return checked.error();
    std::string before = (*current)["status"], after = r["status"];
    if (after != "done") r["completed_at"] = nullptr;
    if (after == "done" && before != "done") r["completed_at"] = tx.Now();
    auto updated =
        store::UpdateRecord(tx, store::ActionTable(), id, InputVersion(body), Changes(r));
    if (!updated.ok()) return updated;
    if (before != after && updated->contains("origin_id") && (*updated)["origin_id"].is_number())
      origins_.AfterStatusChange(tx, (*updated)["origin"].get<std::string>(),
                                 OptId(*updated, "origin_id"), RefOf(*updated), before, after,
                                 OriginStatuses(tx, *updated));
    Decorate(tx, caller, origins_, *updated);
    return updated;
  });
}

Result<json> ActionService::Delete(const Caller& caller, long long id,
                                   std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::ActionTable(), id);
    if (!current || !Readable(tx, caller, *current)) return NotFound();
    if (!Can(tx, caller, Permission::kActionWrite, (*current)["org_unit_id"].get<long long>()))
      return Forbidden();
    return store::DeleteRecord(tx, store::ActionTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<std::vector<json>> ActionService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::ActionTable(), id, [&](Tx& tx, const json& record) {
    return Readable(tx, caller, record);
  });
}

Result<json> ActionService::GetAt(const Caller& caller, long long id, const std::string& at) {
  return history::ReadAt(db_, store::ActionTable(), id, at,
                         [&](Tx& tx, const json& record) { return Readable(tx, caller, record); });
}

namespace {
// At most `max` bytes of `text`, cut at a character boundary, "…" added when cut.
std::string Shortened(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return Trimmed(text.substr(0, end)) + "…";
}
}  // namespace

Result<json> ActionService::CreateForRequirementGap(const Caller& caller, long long system_id,
                                                    const std::string& code) {
  auto requirement = db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto r = RequirementService::OfSystem(tx, caller, system_id, code);
    if (!r.ok() && r.error().code == Code::kInvalid)
      return Invalid("error.action_origin_not_triggered", "origin_ref");
    return r;
  });
  if (!requirement.ok()) return requirement.error();
  const json& req = *requirement;
  std::string text = req.value(caller.language == "en" ? "text_en" : "text_sv", std::string());
  return CreateForOrigin(caller, {.origin = "requirement_gap",
                                  .origin_id = system_id,
                                  .origin_ref = code,
                                  .title = code + " – " + text,
                                  .description = text,
                                  .org_unit_id = req["org_unit_id"].get<long long>(),
                                  .priority = domain::PriorityForLevel(req.value("min_level", 0))});
}

Result<json> ActionService::CreateForOrigin(const Caller& caller, const OriginDraft& d) {
  json body = {{"title", Shortened(d.title, 180)},
               {"description", d.description},
               {"owner_id", caller.user_id},
               {"org_unit_id", d.org_unit_id},
               {"due_date", *AddDays(Today(), 90)},
               {"priority", d.priority},
               {"origin", d.origin},
               {"origin_id", d.origin_id}};
  if (!d.origin_ref.empty()) body["origin_ref"] = d.origin_ref;
  return Create(caller, body);
}

Result<std::map<std::string, json>> ActionService::OpenByOriginRef(const Caller& caller,
                                                                   const std::string& kind,
                                                                   long long origin_id) {
  ActionListQuery q;
  q.page = {500, 0};
  q.status = "open";
  q.origin = kind;
  q.origin_id = origin_id;
  auto page = List(caller, q);
  if (!page.ok()) return page.error();
  std::map<std::string, json> out;
  for (auto& a : page->items) {
    std::string ref = RefOf(a);
    if (!out.count(ref) || out[ref]["id"].get<long long>() > a["id"].get<long long>()) out[ref] = a;
  }
  return out;
}

bool ActionService::MayCreate(const Caller& caller, long long org_unit_id) {
  bool may = false;
  db_.Read([&](Tx& tx) {
    may = Can(tx, caller, Permission::kActionWrite, org_unit_id);
    return Status();
  });
  return may;
}

Result<ActionCounts> ActionService::Counts(const Caller& caller) {
  auto scopes = ScopesOf(caller, Permission::kActionRead);
  if (!scopes.any()) return Forbidden();
  return db_.ReadResult<ActionCounts>([&](Tx& tx) -> Result<ActionCounts> {
    store::Filter f;
    store::FilterToSubtrees(f, "actions.org_unit_id", scopes);
    f.And("actions.status IN ('planned', 'in_progress')");
    std::string today = Today();
    ActionCounts c;
    c.open = store::CountRecords(tx, store::ActionTable(), f);
    store::Filter overdue = f;
    overdue.And("actions.due_date < ?", {Value(today)});
    c.overdue = store::CountRecords(tx, store::ActionTable(), overdue);
    store::Filter soon = f;
    soon.And("actions.due_date >= ? AND actions.due_date < ?",
             {Value(today), Value(*AddDays(today, 14))});
    c.due_soon = store::CountRecords(tx, store::ActionTable(), soon);
    return c;
  });
}

}  // namespace lis::service
