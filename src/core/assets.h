// Files from web/ compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <map>
#include <optional>
#include <string_view>

namespace lis {

// Every embedded file by its path relative to web/. The map lives for the whole program.
const std::map<std::string_view, std::string_view>& EmbeddedAssets();

// The file at `path`, or nothing.
inline std::optional<std::string_view> FindAsset(std::string_view path) {
  const auto& assets = EmbeddedAssets();
  auto it = assets.find(path);
  if (it == assets.end()) return std::nullopt;
  return it->second;
}

}  // namespace lis
