#include "core/periodic.h"

namespace lis {

Periodic::Periodic(std::chrono::milliseconds period, std::function<void()> tick)
    : period_(period), tick_(std::move(tick)) {
  thread_ = std::thread([this] { Run(); });
}

Periodic::~Periodic() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Periodic::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    tick_();
    lock.lock();
  }
}

}  // namespace lis
