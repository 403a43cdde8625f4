#include "http/pages/page_routes.h"

namespace lis::http {

void RegisterUserPages(Router& router, App& app) {}

}  // namespace lis::http
