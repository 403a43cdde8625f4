#include "http/pages/page_routes.h"

namespace lis::http {

void RegisterAccountPages(Router& router, App& app) {}

}  // namespace lis::http
