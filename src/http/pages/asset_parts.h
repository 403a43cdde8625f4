// Parts of the asset detail pages kept apart from asset_pages.cpp: the requirement statuses
// of a system with a form each, the systems an information set is linked to, the record's
// history with restore forms, and its delete form. The pages that handle those forms and the
// registers of deleted records live in asset_restore_pages.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/app.h"
#include "http/http_types.h"
#include "http/pages/form.h"
#include "http/pages/org_tree.h"
#include "store/records.h"

namespace lis::http {

// The three asset registers.
enum class AssetKind { kObjects, kSystems, kSets };
// A register's path segment: "objects", "systems" or "information-sets".
std::string AssetKindPath(AssetKind kind);

// The detail page of record `id` (path parameter) of `kind` ("objects", "systems",
// "information-sets"), shown again after the failed form `failure` (asset_pages.cpp).
void ShowAssetDetail(App& app, RequestContext& ctx, HttpResponse& out, const std::string& kind,
                     const FormFailure* failure);

// The requirements a system's classification triggers as table rows {code, text, aspect,
// level, status, how, form, open}; `form` (HTML) records a status, for callers who may
// change assets.
nlohmann::json RequirementStatusRows(const RequestContext& ctx, long long system_id,
                                     const store::Page& requirements, bool can_write,
                                     const FormFailure* failure);
// "Gap: N of M ..." (not met or partly met), or "" without requirements.
std::string RequirementGapText(const RequestContext& ctx, const store::Page& requirements);

// The form (HTML) that sets which systems process information set `set`: the systems the
// caller may read, as checkboxes grouped by object.
std::string SystemLinksFormHtml(App& app, const RequestContext& ctx, const nlohmann::json& set,
                                const FormFailure* failure);

// The history section (HTML) of record `record` of `kind`, with restore forms when
// `can_write`.
std::string AssetHistoryHtml(App& app, const RequestContext& ctx, const OrgTree& tree,
                             const std::string& kind, const nlohmann::json& record, bool can_write,
                             const FormFailure* failure);
// The delete form (HTML) of record `record` of `kind`.
std::string AssetDeleteFormHtml(const RequestContext& ctx, const std::string& kind,
                                const nlohmann::json& record, const FormFailure* failure);

}  // namespace lis::http
