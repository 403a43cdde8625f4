#include "http/pages/risk_matrix_view.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/pages/page_support.h"

namespace lis::http {

using nlohmann::json;

namespace {

constexpr int kCell = 64;    // side of a cell
constexpr int kLeft = 72;    // room for the likelihood axis
constexpr int kTop = 8;      // room above the grid
constexpr int kBottom = 56;  // room for the consequence axis

std::string CellHref(const std::string& list_query, long long l, long long c, bool residual) {
  std::string href =
      "/risks/list?likelihood=" + std::to_string(l) + "&consequence=" + std::to_string(c);
  if (residual) href += "&residual=true";
  if (!list_query.empty()) href += "&" + list_query;
  return href;
}

// One heatmap ("inherent" or "residual") with its table.
json Side(const RequestContext& ctx, const json& matrix, const std::string& list_query,
          const std::string& which, const std::string& id) {
  const bool residual = which == "residual";
  const std::string name = Text(ctx, "risk.matrix." + which);
  json cells = json::array();
  json rows = json::array();
  json row_cells = json::array();
  for (const auto& c : matrix["cells"]) {
    long long l = c["likelihood"].get<long long>(), k = c["consequence"].get<long long>();
    long long count = c[which].get<long long>();
    std::string band = c["band"].get<std::string>();
    std::string href = CellHref(list_query, l, k, residual);
    std::string label = Text(ctx, "risk.matrix.cell",
                             {{"likelihood", std::to_string(l)},
                              {"consequence", std::to_string(k)},
                              {"score", std::to_string(c["score"].get<long long>())},
                              {"band", Text(ctx, "risk.band." + band)},
                              {"count", std::to_string(count)}});
    int x = kLeft + static_cast<int>(k - 1) * kCell;
    int y = kTop + static_cast<int>(4 - l) * kCell;
    cells.push_back({{"x", x},
                     {"y", y},
                     {"tx", x + kCell / 2},
                     {"ty", y + kCell / 2 + 7},
                     {"fill", BandFill(band)},
                     {"count", count},
                     {"label", label},
                     {"href", href}});
    row_cells.push_back({{"count", count},
                         {"href", href},
                         {"likelihood", l},
                         {"consequence", k},
                         {"label", label}});
    if (k == 4) {
      rows.push_back(
          {{"likelihood", l},
           {"label", std::to_string(l) + " " + Text(ctx, "risk.likelihood." + std::to_string(l))},
           {"cells", row_cells}});
      row_cells = json::array();
    }
  }
  json heads = json::array();
  json axis_x = json::array();
  json axis_y = json::array();
  for (int i = 1; i <= 4; ++i) {
    heads.push_back(std::to_string(i) + " " + Text(ctx, "risk.consequence." + std::to_string(i)));
    axis_x.push_back({{"x", kLeft + (i - 1) * kCell + kCell / 2},
                      {"y", kTop + 4 * kCell + 20},
                      {"text", std::to_string(i)}});
    axis_y.push_back({{"x", kLeft - 12},
                      {"y", kTop + (4 - i) * kCell + kCell / 2 + 6},
                      {"text", std::to_string(i)}});
  }
  long long total = matrix[residual ? "residual_total" : "total"].get<long long>();
  json side = {{"id", id + "-" + which},
               {"which", which},
               {"name", name},
               {"caption", Text(ctx, "risk.matrix.caption", {{"matrix", name}})},
               {"cells", cells},
               {"rows", rows},
               {"heads", heads},
               {"axis_x", axis_x},
               {"axis_y", axis_y},
               {"width", kLeft + 4 * kCell + 8},
               {"height", kTop + 4 * kCell + kBottom},
               {"x_label_x", kLeft + 2 * kCell},
               {"x_label_y", kTop + 4 * kCell + 44},
               {"y_label_x", 16},
               {"y_label_y", kTop + 2 * kCell},
               {"total", Text(ctx, "risk.matrix.total", {{"count", std::to_string(total)}})}};
  if (residual && matrix["total"].get<long long>() > total)
    side["not_assessed"] =
        Text(ctx, "risk.matrix.not_assessed",
             {{"count", std::to_string(matrix["total"].get<long long>() - total)}});
  return side;
}

}  // namespace

std::string BandFill(const std::string& band) {
  // Light tints: dark text (#1a1a1a) reads on each at a contrast above 7:1.
  if (band == "red") return "#f4a3a3";
  if (band == "orange") return "#f7c08a";
  if (band == "yellow") return "#f5e58c";
  return "#b9e0b0";
}

std::string RiskMatrixHtml(const RequestContext& ctx, const json& matrix,
                           const std::string& list_query, const std::string& id_prefix) {
  const json& s = matrix["settings"];
  json data = {{"id", id_prefix},
               {"heading", Text(ctx, "risk.matrix.heading")},
               {"axis_likelihood", Text(ctx, "risk.matrix.axis_likelihood")},
               {"axis_consequence", Text(ctx, "risk.matrix.axis_consequence")},
               {"corner", Text(ctx, "risk.matrix.axis_likelihood") + " \\ " +
                              Text(ctx, "risk.matrix.axis_consequence")},
               {"legend", Text(ctx, "risk.matrix.legend",
                               {{"yellow", std::to_string(s["yellow_from"].get<int>())},
                                {"orange", std::to_string(s["orange_from"].get<int>())},
                                {"red", std::to_string(s["red_from"].get<int>())},
                                {"threshold", std::to_string(s["threshold"].get<int>())}})},
               {"sides", json::array({Side(ctx, matrix, list_query, "inherent", id_prefix),
                                      Side(ctx, matrix, list_query, "residual", id_prefix)})}};
  return RenderTemplate("risk_matrix", data);
}

}  // namespace lis::http
