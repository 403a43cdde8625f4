#include "core/signing.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace lis {

namespace {

std::string ToHex(const unsigned char* bytes, size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.resize(2 * n);
  return out;
}

// `hex` as exactly `n` bytes, or false.
bool FromHex(std::string_view hex, unsigned char* out, size_t n) {
  size_t len = 0;
  return hex.size() == 2 * n &&
         sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

Error KeyError(const std::string& path, const std::string& what) {
  return MakeError(Code::kInternal, "error.audit_key").With("path", path).With("problem", what);
}

Result<SigningKey> KeyOfSecret(const std::string& path, const std::string& secret_hex) {
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  if (!FromHex(secret_hex, sk, sizeof sk) || crypto_sign_ed25519_sk_to_pk(pk, sk) != 0)
    return KeyError(path, "holds no Ed25519 key");
  SigningKey key{secret_hex, ToHex(pk, sizeof pk)};
  sodium_memzero(sk, sizeof sk);
  return key;
}

Result<SigningKey> CreateKey(const std::string& path) {
  std::error_code ec;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  std::string secret = ToHex(sk, sizeof sk);
  sodium_memzero(sk, sizeof sk);
  mode_t old = ::umask(077);
  {
    std::ofstream out(path, std::ios::out | std::ios::trunc);
    out << secret << "\n";
    out.close();
    if (!out) {
      ::umask(old);
      return KeyError(path, "cannot be written");
    }
  }
  ::umask(old);
  ::chmod(path.c_str(), 0600);
  return SigningKey{secret, ToHex(pk, sizeof pk)};
}

}  // namespace

Result<SigningKey> LoadOrCreateSigningKey(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return CreateKey(path);
  std::ifstream in(path);
  std::string secret;
  if (!in || !std::getline(in, secret)) return KeyError(path, "cannot be read");
  return KeyOfSecret(path, secret);
}

std::string SignHex(const SigningKey& key, std::string_view message) {
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  if (!FromHex(key.secret_hex, sk, sizeof sk)) return {};
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return ToHex(sig, sizeof sig);
}

bool VerifySignatureHex(std::string_view public_hex, std::string_view message,
                        std::string_view signature_hex) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  if (!FromHex(public_hex, pk, sizeof pk) || !FromHex(signature_hex, sig, sizeof sig)) return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk) == 0;
}

}  // namespace lis
