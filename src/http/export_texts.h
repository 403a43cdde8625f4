// Small pieces shared by the file exports (PDF and XLSX writers of the SoA and incidents).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/messages.h"

namespace lis::http {

// The catalogue texts in one language, called as t("key", {{"arg", "value"}}).
struct ExportTexts {
  std::string lang;
  std::string operator()(const std::string& key,
                         const std::map<std::string, std::string>& args = {}) const {
    return Messages::Embedded().Text(lang, key, args);
  }
};

// A JSON string or integer as text; anything else (null, a missing value) as "".
inline std::string ScalarText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

}  // namespace lis::http
