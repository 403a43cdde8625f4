// Hashing and random tokens (libsodium, OpenSSL). Thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

namespace lis {

// Must run once before any other function here; returns false if libsodium cannot start.
bool InitCrypto();
// A URL-safe random token carrying `bytes` bytes of entropy.
std::string RandomToken(size_t bytes = 32);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Argon2id encoded hash (interactive limits). Empty string if hashing failed (out of memory).
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& encoded_hash, std::string_view password);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace lis
