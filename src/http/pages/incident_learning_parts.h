// Links from the incident page to what this part adds: the closing review (with its actions)
// and the PDF summary. For the incident page's template: [{"href", "label"}], shown to full
// viewers of the incident (the pages behind them answer 404 to anyone else).
#pragma once

#include <nlohmann/json.hpp>

#include "http/http_types.h"

namespace lis::http {

nlohmann::json IncidentLearningLinks(const RequestContext& ctx, long long incident_id);

}  // namespace lis::http
