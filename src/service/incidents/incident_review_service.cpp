#include "service/incidents/incident_review_service.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/incidents/review_blame.h"
#include "service/incidents/incident_access.h"
#include "service/input.h"
#include "store/incidents/incident_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

namespace {

constexpr size_t kMaxText = 4000;
const char* const kTexts[] = {"cause", "what_worked", "to_improve"};

const std::vector<InputField>& ReviewFields() {
  static const std::vector<InputField> kFields = {
      {"cause", InputType::kText, true, false, kMaxText},
      {"what_worked", InputType::kText, false, false, kMaxText},
      {"to_improve", InputType::kText, false, false, kMaxText},
      {"version", InputType::kInt}};
  return kFields;
}

std::optional<json> StoredReview(Tx& tx, long long incident_id) {
  store::Filter f;
  f.And("incident_id = ?", {Value(incident_id)});
  auto page = store::ListRecords(tx, store::IncidentReviewTable(), f, "id", 1, 0);
  if (page.items.empty()) return std::nullopt;
  return page.items.front();
}

// Display names of every user, and the usernames that read like identifiers.
std::vector<std::string> PersonNames(Tx& tx) {
  std::vector<std::string> names;
  for (const auto& row :
       tx.Query("SELECT name, username FROM users", {}, {Col::kText, Col::kText})) {
    names.push_back(row.Text(0));
    if (domain::UsernameIsIdentifier(row.Text(1))) names.push_back(row.Text(1));
  }
  return names;
}

Status CheckNoBlame(Tx& tx, const json& texts) {
  std::vector<std::string> names;
  for (const char* field : kTexts) {
    if (!texts.contains(field)) continue;
    if (names.empty()) names = PersonNames(tx);
    if (auto name = domain::FirstNamedPerson(texts[field].get<std::string>(), names))
      return Invalid("error.incident_review_blame", field).With("name", *name);
  }
  return {};
}

json Shown(Tx& tx, const Caller& caller, const json& incident, const std::optional<json>& review) {
  json out = {{"incident_id", incident["id"]},
              {"org_unit_id", incident["org_unit_id"]},
              {"exists", review.has_value()},
              {"can_edit", CanHandleIncident(tx, caller, incident)}};
  for (const char* field : kTexts) out[field] = review ? (*review)[field] : json("");
  out["version"] = review ? (*review)["version"] : json(0);
  out["reviewed_by"] = review ? (*review)["reviewed_by"] : json(nullptr);
  out["reviewed_at"] = review ? (*review)["reviewed_at"] : json(nullptr);
  out["reviewed_by_name"] = nullptr;
  if (review) {
    auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?",
                           {Value((*review)["reviewed_by"].get<long long>())}, {Col::kText});
    if (row) out["reviewed_by_name"] = row->Text(0);
  }
  return out;
}

}  // namespace

std::optional<json> FullIncident(Tx& tx, const Caller& caller, long long id) {
  auto incident = store::GetRecord(tx, store::IncidentTable(), id);
  if (!incident || IncidentViewFor(tx, caller, *incident) != IncidentView::kFull)
    return std::nullopt;
  return incident;
}

Result<json> IncidentReviewService::Get(const Caller& caller, long long incident_id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto incident = FullIncident(tx, caller, incident_id);
    if (!incident) return NotFound();
    return Shown(tx, caller, *incident, StoredReview(tx, incident_id));
  });
}

Result<json> IncidentReviewService::Put(const Caller& caller, long long incident_id,
                                        const json& body) {
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto incident = FullIncident(tx, caller, incident_id);
    if (!incident) return NotFound();
    if (!CanHandleIncident(tx, caller, *incident)) return Forbidden();
    auto review = StoredReview(tx, incident_id);
    json input = body;
    input.erase("comment");
    Status checked = CheckInput(input, ReviewFields(), review.has_value());
    if (!checked.ok()) return checked.error();
    long long version = input.value("version", 0LL);
    json texts = json::object();
    for (const char* field : kTexts)
      if (input.contains(field)) texts[field] = Trimmed(input[field].get<std::string>());
    if (Status blame = CheckNoBlame(tx, texts); !blame.ok()) return blame.error();
    texts["reviewed_by"] = caller.user_id;
    texts["reviewed_at"] = tx.Now();
    if (!review) {
      if (version != 0) return MakeError(Code::kConflict, "error.version_conflict");
      for (const char* field : kTexts)
        if (!texts.contains(field)) texts[field] = "";
      texts["incident_id"] = incident_id;
      texts["org_unit_id"] = (*incident)["org_unit_id"];
      return Shown(tx, caller, *incident,
                   store::InsertRecord(tx, store::IncidentReviewTable(), texts));
    }
    auto updated = store::UpdateRecord(tx, store::IncidentReviewTable(),
                                       (*review)["id"].get<long long>(), version, texts);
    if (!updated.ok()) return updated.error();
    return Shown(tx, caller, *incident, *updated);
  });
}

Result<ActionService::OriginDraft> IncidentReviewService::ActionDraft(const Caller& caller,
                                                                      long long incident_id,
                                                                      const std::string& language) {
  return db_.ReadResult<ActionService::OriginDraft>(
      [&](Tx& tx) -> Result<ActionService::OriginDraft> {
        auto incident = FullIncident(tx, caller, incident_id);
        if (!incident) return NotFound();
        if (!CanHandleIncident(tx, caller, *incident)) return Forbidden();
        auto review = StoredReview(tx, incident_id);
        std::string improve = review ? (*review)["to_improve"].get<std::string>() : "";
        if (improve.empty())
          return Invalid("error.incident_review_nothing_to_improve", "to_improve");
        static const char* const kPriority[] = {"medium", "low", "medium", "high", "critical"};
        json severity = incident->value("severity", json(nullptr));
        int s = severity.is_number_integer() ? severity.get<int>() : 0;
        return ActionService::OriginDraft{
            .origin = "incident",
            .origin_id = incident_id,
            .origin_ref = {},
            .title = Messages::Embedded().Text(language, "incident_review.action_title",
                                               {{"id", std::to_string(incident_id)}}),
            .description = improve,
            .org_unit_id = (*incident)["org_unit_id"].get<long long>(),
            .priority = kPriority[s >= 1 && s <= 4 ? s : 0]};
      });
}

}  // namespace lis::service
