// For unit tests: a migrated SQLite database in a temporary directory of its own (named after
// the running test), removed with it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "store/database.h"

namespace lis::store {

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& prefix, int pool_size = 1)
      : dir_(std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = Database::Open(url(), pool_size);
    if (!db.ok() || !(*db)->Migrate().ok())
      throw std::runtime_error("cannot make the test database " + url());
    db_ = std::move(*db);
  }
  ~TestDatabase() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Database& db() { return *db_; }
  std::string url() const { return "sqlite:" + (dir_ / "lis.db").string(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace lis::store
