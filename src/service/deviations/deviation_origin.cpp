#include "service/deviations/deviation_origin.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/deviations/deviation_rules.h"
#include "service/deviations/deviation_access.h"
#include "service/deviations/deviation_service.h"

namespace lis::service {

namespace {

Status CheckDeviationOrigin(store::Tx& tx, const Caller& caller, long long id, const std::string&) {
  auto d = SeenDeviation(tx, caller, id);
  if (!d.ok() || !HandlesDeviation(tx, caller, *d))
    return Invalid("error.action_origin_missing", "origin_id");
  auto state = domain::ParseDeviationState((*d)["status"].get<std::string>());
  if (!domain::DeviationOpen(*state)) return Invalid("error.deviation_finished", "origin_id");
  return {};
}

OriginLink DeviationLink(store::Tx&, long long id, const std::string&,
                         const std::string& language) {
  return {"/deviations/" + std::to_string(id),
          Messages::Embedded().Text(language, "actions.origin_label.deviation",
                                    {{"id", std::to_string(id)}})};
}

}  // namespace

void RegisterDeviationOrigin(ActionOrigins& origins) {
  OriginHandler deviation;
  deviation.check = CheckDeviationOrigin;
  deviation.link = DeviationLink;
  deviation.on_all_done = [](store::Tx& tx, long long id, const std::string&) {
    DeviationActionsDone(tx, id);
  };
  origins.Register("deviation", deviation);
}

}  // namespace lis::service
