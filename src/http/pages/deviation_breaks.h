// What a deviation breaks, on its page: the requirements of the catalogue and the framework
// controls it names, in words, with forms to add one and to remove each.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/pages/form.h"

namespace lis::http {

struct App;

// The requirements and controls the caller reads, in words: "K.12 Behörighetsstyrning",
// "SS-EN ISO/IEC 27001:2022 A.5.15 Åtkomststyrning".
struct BreakCatalogue {
  std::vector<SelectOption> requirements;  // in catalogue order
  std::vector<SelectOption> controls;      // framework by framework, each in its order
  std::map<long long, std::string> requirement_names;
  std::map<long long, std::string> control_names;

  // The words of the record `id` that list `field` ("requirement_ids", "control_ids") names;
  // "" when the caller does not read it.
  std::string Name(const std::string& field, long long id) const;
};
BreakCatalogue LoadBreakCatalogue(App& app, const RequestContext& ctx);

// The section of deviation `d`'s page; with `may_edit`, the form "deviation-break" adding a
// requirement or a control and a form "deviation-unbreak" removing each.
std::string DeviationBreaksHtml(const RequestContext& ctx, const nlohmann::json& d,
                                const BreakCatalogue& names, bool may_edit,
                                const FormFailure* failure);

// The update body a break form asks of deviation `current`: {version, requirement_id and/or
// control_id} added to (`add`) or removed from its lists. kInvalid naming requirement_id when
// the form names neither.
Result<nlohmann::json> BreakChange(const nlohmann::json& current, const nlohmann::json& body,
                                   bool add);

}  // namespace lis::http
