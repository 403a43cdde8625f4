#include "service/assets/requirement_format.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "service/input.h"

namespace lis::service {

using nlohmann::json;

const std::vector<const char*>& RequirementFields() {
  static const std::vector<const char*> kFields = {"code",        "area",        "aspect",
                                                   "min_level",   "text_sv",     "text_en",
                                                   "guidance_sv", "guidance_en", "controls"};
  return kFields;
}

namespace {

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 40) return false;
  for (char c : code)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

std::string Str(const json& r, const char* key) {
  return r.contains(key) && r[key].is_string() ? r[key].get<std::string>() : "";
}

// The file's name of a record field ("text_sv" -> "text.sv", "code" -> "id").
std::string EntryField(const std::string& field) {
  static const std::map<std::string, std::string> kNames = {{"code", "id"},
                                                            {"text_sv", "text.sv"},
                                                            {"text_en", "text.en"},
                                                            {"guidance_sv", "guidance.sv"},
                                                            {"guidance_en", "guidance.en"}};
  auto it = kNames.find(field);
  return it == kNames.end() ? field : it->second;
}

// Reads {"sv": ..., "en": ...} at entry[key] into record[prefix_sv/en].
void ReadTexts(const json& entry, const std::string& key, bool required, json& record,
               std::vector<Error>& errors) {
  record[key + "_sv"] = "";
  record[key + "_en"] = "";
  if (!entry.contains(key)) {
    if (required) errors.push_back(Invalid("error.field_missing", key));
    return;
  }
  const json& texts = entry[key];
  if (!texts.is_object()) {
    errors.push_back(Invalid("error.field_not_object", key));
    return;
  }
  for (auto it = texts.begin(); it != texts.end(); ++it)
    if (it.key() != "sv" && it.key() != "en")
      errors.push_back(Invalid("error.field_unknown", key + "." + it.key()));
  for (const char* lang : {"sv", "en"}) {
    std::string name = key + "." + lang;
    if (!texts.contains(lang)) {
      if (required) errors.push_back(Invalid("error.field_missing", name));
    } else if (!texts[lang].is_string()) {
      errors.push_back(Invalid("error.field_not_text", name));
    } else {
      record[key + "_" + lang] = texts[lang];
    }
  }
}

}  // namespace

std::vector<Error> CheckRequirementRecord(const json& record,
                                          const domain::ClassificationScale& scale) {
  std::vector<Error> errors;
  if (!ValidCode(Str(record, "code"))) errors.push_back(Invalid("error.requirement_code", "code"));
  if (Trimmed(Str(record, "area")).empty()) errors.push_back(Invalid("error.field_blank", "area"));
  if (!domain::ParseAspect(Str(record, "aspect")))
    errors.push_back(Invalid("error.aspect_unknown", "aspect"));
  const json& level = record.value("min_level", json(nullptr));
  long long wide = level.is_number_integer() ? level.get<long long>() : -1;
  if (wide < 0 || wide > 1000 || !scale.Valid(static_cast<int>(wide)))
    errors.push_back(
        Invalid("error.level_range", "min_level").With("max", std::to_string(scale.max_level)));
  for (const char* f : {"text_sv", "text_en"})
    if (Trimmed(Str(record, f)).empty()) errors.push_back(Invalid("error.field_blank", f));
  const json& controls = record.value("controls", json::array());
  bool controls_ok = controls.is_array() && controls.size() <= 50;
  if (controls_ok)
    for (const auto& c : controls)
      controls_ok = controls_ok && c.is_string() && !Trimmed(c.get<std::string>()).empty() &&
                    c.get<std::string>().size() <= 40;
  if (!controls_ok) errors.push_back(Invalid("error.controls", "controls"));
  return errors;
}

json RequirementFromEntry(const json& entry, const domain::ClassificationScale& scale,
                          std::vector<Error>& errors) {
  json record = json::object();
  if (!entry.is_object()) {
    errors.push_back(Invalid("error.field_not_object", ""));
    return record;
  }
  static const std::vector<std::string> kKeys = {"id",   "area",     "aspect",  "min_level",
                                                 "text", "guidance", "controls"};
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (std::find(kKeys.begin(), kKeys.end(), it.key()) == kKeys.end())
      errors.push_back(Invalid("error.field_unknown", it.key()));
  size_t form_errors = errors.size();
  for (auto [key, field] : {std::pair{"id", "code"}, {"area", "area"}, {"aspect", "aspect"}}) {
    if (!entry.contains(key))
      errors.push_back(Invalid("error.field_missing", key));
    else if (!entry[key].is_string())
      errors.push_back(Invalid("error.field_not_text", key));
    else
      record[field] = Trimmed(entry[key].get<std::string>());
  }
  if (!entry.contains("min_level"))
    errors.push_back(Invalid("error.field_missing", "min_level"));
  else if (!entry["min_level"].is_number_integer())
    errors.push_back(Invalid("error.field_not_integer", "min_level"));
  else
    record["min_level"] = entry["min_level"];
  ReadTexts(entry, "text", true, record, errors);
  ReadTexts(entry, "guidance", false, record, errors);
  record["controls"] = entry.value("controls", json::array());
  // Content is checked for the fields whose form was right.
  std::vector<std::string> bad_form;
  for (size_t i = form_errors; i < errors.size(); ++i) bad_form.push_back(errors[i].field);
  for (auto& e : CheckRequirementRecord(record, scale)) {
    std::string field = EntryField(e.field);
    bool covered = false;
    for (const auto& f : bad_form) covered = covered || f == field || field.rfind(f + ".", 0) == 0;
    if (covered) continue;
    e.field = field;
    e.args["field"] = field;
    errors.push_back(std::move(e));
  }
  return record;
}

json RequirementEntry(const json& record) {
  return {{"id", record["code"]},
          {"area", record["area"]},
          {"aspect", record["aspect"]},
          {"min_level", record["min_level"]},
          {"text", {{"sv", record["text_sv"]}, {"en", record["text_en"]}}},
          {"guidance", {{"sv", record["guidance_sv"]}, {"en", record["guidance_en"]}}},
          {"controls", record["controls"]}};
}

json ShownRequirement(json row) {
  json controls = row["controls"].is_string()
                      ? json::parse(row["controls"].get<std::string>(), nullptr, false)
                      : row["controls"];
  row["controls"] = controls.is_array() ? controls : json::array();
  row["requirement_id"] = row["code"];
  return row;
}

json StoredRequirement(const json& record) {
  json out = json::object();
  for (const char* f : RequirementFields()) out[f] = record.value(f, json(""));
  out["controls"] = record.value("controls", json::array()).dump();
  return out;
}

bool SameRequirement(const json& a, const json& b) {
  for (const char* f : RequirementFields())
    if (a.value(f, json(nullptr)) != b.value(f, json(nullptr))) return false;
  return true;
}

}  // namespace lis::service
