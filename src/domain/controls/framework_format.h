// A control framework as data (README, "Framework format"): the shipped files in
// web/frameworks/ and what the CISO imports and exports. Pure parsing and checking.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace lis::domain {

// The framework that requirement control references ("A.5.16") point into.
inline constexpr const char* kAnnexAFramework = "iso27001-2022";

struct FrameworkTheme {
  std::string code;
  std::string name_sv, name_en;
};

struct FrameworkControl {
  std::string ref;  // e.g. "5.1", unique within its framework
  std::string theme;
  std::string title_sv, title_en;
  std::string description_sv, description_en;  // may be empty
};

struct FrameworkData {
  std::string ref;  // e.g. "iso27001-2022"
  long long data_version = 0;
  std::string name_sv, name_en;
  std::string description_sv, description_en;  // may be empty
  std::vector<FrameworkTheme> themes;
  std::vector<FrameworkControl> controls;  // in the framework's order
};

// Reads a framework document. `errors` gets every problem, each an Invalid naming its field
// the way the document spells it ("controls[3].title.sv", args "index" for entries of a
// list): unknown or missing fields, wrong types, blank texts, bad or repeated refs and theme
// codes, controls of an unknown theme. The result is meaningful only when `errors` is empty.
FrameworkData ParseFramework(const nlohmann::json& doc, std::vector<Error>& errors);

// The document of `framework` (ParseFramework reads it back to the same data).
nlohmann::json FrameworkDocument(const FrameworkData& framework);

// Whether `ref` is a valid framework or control reference: 1-40 of A-Z a-z 0-9 . _ -
bool ValidFrameworkRef(const std::string& ref);

// The control ref of the Annex A framework a requirement's control reference names:
// "A.5.16" and "5.16" both give "5.16".
std::string AnnexAControlRef(const std::string& requirement_ref);

}  // namespace lis::domain
