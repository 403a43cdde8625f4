// A background task of `lis serve`: a function run every period on a thread of its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace lis {

class Periodic {
 public:
  // Starts the thread, which runs `tick` every `period` (the first time one period from now).
  // `tick` must not throw. The thread inherits the caller's signal mask: block SIGTERM/SIGINT
  // before (lis serve does).
  Periodic(std::chrono::milliseconds period, std::function<void()> tick);
  // Stops: a tick in progress finishes, no new one starts; returns when the thread has ended.
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  void Run();

  const std::chrono::milliseconds period_;
  const std::function<void()> tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lis
