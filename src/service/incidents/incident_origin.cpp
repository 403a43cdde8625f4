#include "service/incidents/incident_origin.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "service/incidents/incident_review_service.h"

namespace lis::service {

namespace {

Status CheckIncident(store::Tx& tx, const Caller& caller, long long id, const std::string&) {
  if (!FullIncident(tx, caller, id)) return Invalid("error.action_origin_missing", "origin_id");
  return {};
}

OriginLink IncidentLink(store::Tx&, long long id, const std::string&, const std::string& language) {
  return {"/incidents/" + std::to_string(id),
          Messages::Embedded().Text(language, "actions.origin_label.incident",
                                    {{"id", std::to_string(id)}})};
}

}  // namespace

void RegisterIncidentOrigin(ActionOrigins& origins) {
  OriginHandler incident;
  incident.check = CheckIncident;
  incident.link = IncidentLink;
  origins.Register("incident", incident);
}

}  // namespace lis::service
