#include "http/metrics.h"

#include <sstream>
#include <tuple>

namespace lis::http {

Metrics::Metrics()
    : bounds_{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
      buckets_(bounds_.size() + 1, 0) {}

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{method, route, status}];
  size_t i = 0;
  while (i < bounds_.size() && seconds > bounds_[i]) ++i;
  ++buckets_[i];
  sum_ += seconds;
  ++count_;
}

namespace {
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  out << "# HELP lis_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE lis_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "lis_http_requests_total{method=\"" << Escape(method) << "\",route=\"" << Escape(route)
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP lis_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE lis_http_request_duration_seconds histogram\n";
  long long cumulative = 0;
  for (size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += buckets_[i];
    out << "lis_http_request_duration_seconds_bucket{le=\"" << bounds_[i] << "\"} " << cumulative
        << "\n";
  }
  cumulative += buckets_.back();
  out << "lis_http_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "lis_http_request_duration_seconds_sum " << sum_ << "\n"
      << "lis_http_request_duration_seconds_count " << count_ << "\n";
  return out.str();
}

}  // namespace lis::http
