// The message catalogue (web/messages.json): every user-visible string in Swedish and English.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lis {

class Messages {
 public:
  // The catalogue compiled into the binary. Lives for the whole program.
  static const Messages& Embedded();
  // Builds a catalogue from JSON text of the form {"key": {"sv": "...", "en": "..."}, ...}.
  explicit Messages(std::string_view json_text);
  ~Messages();

  // The text of `key` in `lang` ("sv" or "en") with {name} placeholders filled from `args`;
  // the key itself if the catalogue lacks it.
  std::string Text(std::string_view lang, std::string_view key,
                   const std::map<std::string, std::string>& args = {}) const;
  std::string ErrorText(std::string_view lang, const Error& error) const;
  // All texts of `lang` as nested objects ("nav.home" -> {"nav": {"home": ...}}), for templates.
  const nlohmann::json& Tree(std::string_view lang) const;
  // Keys that lack a text in some language (for the catalogue test).
  std::vector<std::string> Incomplete() const;

 private:
  struct Impl;
  Impl* impl_;
};

// "sv" or "en": the first supported language in `preference`, else `fallback`.
std::string SupportedLanguage(std::string_view preference, std::string_view fallback);

}  // namespace lis
