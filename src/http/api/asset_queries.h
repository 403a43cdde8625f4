// The filters of the asset lists from the query string, one function per kind, shared by the
// list endpoints and the exports (so a filter added to a list applies to its export).
#pragma once

#include "core/status.h"
#include "http/http_types.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"

namespace lis::http {

Result<service::ObjectListQuery> ReadObjectQuery(const RequestContext& ctx);
Result<service::SystemListQuery> ReadSystemQuery(const RequestContext& ctx);
Result<service::InformationSetListQuery> ReadSetQuery(const RequestContext& ctx);

}  // namespace lis::http
