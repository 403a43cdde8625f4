// The risk matrix on pages: two 4×4 heatmaps (inherent and residual) drawn as SVG on the
// server, with presentation attributes only (the Content-Security-Policy forbids inline
// style), each cell a link to the risk list filtered to it, and the same counts as data
// tables for screen readers.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "http/http_types.h"

namespace lis::http {

// The matrix section (HTML) for `matrix` as RiskService::Matrix answers it. `list_query` is
// the filter of the risk list the cells link to ("analysis_id=3" or "org_unit_id=5" or "");
// `id_prefix` keeps element ids apart when a page shows several matrices.
std::string RiskMatrixHtml(const RequestContext& ctx, const nlohmann::json& matrix,
                           const std::string& list_query, const std::string& id_prefix = "matrix");

// The fill of a band ("green", ...): a light tint on which the dark count text reads at a
// contrast above 7:1.
std::string BandFill(const std::string& band);

}  // namespace lis::http
