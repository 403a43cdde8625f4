// Request counters and a latency histogram in the Prometheus text format. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace lis::http {

class Metrics {
 public:
  Metrics();
  // `route` is a route pattern (bounded set), never a raw path.
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::vector<double> bounds_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::vector<long long> buckets_;  // cumulative counts are computed when rendering
  double sum_ = 0;
  long long count_ = 0;
};

}  // namespace lis::http
