// Ed25519 signatures (libsodium) for the audit trail's checkpoints. Keys and signatures travel
// as lower-case hex; a key file holds the 64-byte secret key (which holds the public key too).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace lis {

struct SigningKey {
  std::string secret_hex;  // 128 hex digits
  std::string public_hex;  // 64 hex digits
};

// The key in the file at `path`; when there is no file, a new key written there (and its
// directory), readable and writable by the owner alone. kInternal naming the path
// ("error.audit_key") when it cannot be read, holds no key, or cannot be written.
Result<SigningKey> LoadOrCreateSigningKey(const std::string& path);
// The signature of `message` by `key`, in hex.
std::string SignHex(const SigningKey& key, std::string_view message);
// Whether `signature_hex` is `public_hex`'s signature of `message`; false for malformed hex.
bool VerifySignatureHex(std::string_view public_hex, std::string_view message,
                        std::string_view signature_hex);

}  // namespace lis
