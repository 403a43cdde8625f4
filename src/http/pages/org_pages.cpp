#include "http/pages/page_routes.h"

namespace lis::http {

void RegisterOrgPages(Router& router, App& app) {}

}  // namespace lis::http
