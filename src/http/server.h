// The HTTP server: security headers, limits, authentication, CSRF, routing, metrics and the
// access log around the API and page handlers.
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "http/app.h"

namespace lis::http {

class Server {
 public:
  Server(const Config& config, App& app);
  ~Server();
  // Binds and serves until Stop(); false if the address cannot be bound.
  bool Listen();
  // Binds to the configured host on any free port and returns it (for tests); -1 on failure.
  int BindToAnyPort();
  bool ListenAfterBind();
  // Stops accepting; requests in flight finish before Listen returns. Safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lis::http
