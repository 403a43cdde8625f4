#include "core/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.h"

namespace lis {
namespace {

class SigningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dir_ = std::filesystem::temp_directory_path() / ("lis-signing-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SigningTest, AKeyIsMadeOnceReadableByItsOwnerAloneAndReadBackTheSame) {
  std::string path = (dir_ / "keys" / "audit.key").string();
  auto made = LoadOrCreateSigningKey(path);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->public_hex.size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = LoadOrCreateSigningKey(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_hex, made->public_hex);
  EXPECT_EQ(again->secret_hex, made->secret_hex);
}

TEST_F(SigningTest, AFileWithoutAKeyIsRefusedNamingIt) {
  std::filesystem::create_directories(dir_);
  std::string path = (dir_ / "broken.key").string();
  std::ofstream(path) << "not a key\n";
  auto key = LoadOrCreateSigningKey(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().message_key, "error.audit_key");
  EXPECT_EQ(key.error().args.at("path"), path);
}

TEST_F(SigningTest, ASignatureHoldsOnlyForItsMessageAndItsKey) {
  auto key = LoadOrCreateSigningKey((dir_ / "a.key").string());
  auto other = LoadOrCreateSigningKey((dir_ / "b.key").string());
  ASSERT_TRUE(key.ok() && other.ok());
  std::string signature = SignHex(*key, "seq 12");
  EXPECT_EQ(signature.size(), 128u);
  const struct {
    const char* what;
    std::string public_hex, message, signature;
    bool valid;
  } cases[] = {
      {"as signed", key->public_hex, "seq 12", signature, true},
      {"another message", key->public_hex, "seq 13", signature, false},
      {"another key", other->public_hex, "seq 12", signature, false},
      {"a changed signature", key->public_hex, "seq 12",
       (signature[0] == '0' ? "1" : "0") + signature.substr(1), false},
      {"not hex", key->public_hex, "seq 12", std::string(128, 'x'), false},
      {"too short", key->public_hex, "seq 12", signature.substr(2), false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(VerifySignatureHex(c.public_hex, c.message, c.signature), c.valid) << c.what;
}

}  // namespace
}  // namespace lis
