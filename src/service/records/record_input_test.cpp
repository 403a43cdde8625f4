#include "service/records/record_input.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/assets/system_record.h"
#include "domain/deviations/deviation_record.h"

namespace lis::service {
namespace {

using domain::FieldKind;
using nlohmann::json;

const domain::RecordType& Sample() {
  static const domain::RecordType kType = {
      .name = "sample",
      .table = "samples",
      .entity = "sample",
      .scope_field = "org_unit_id",
      .fields = {{.name = "org_unit_id", .kind = FieldKind::kReference, .required = true},
                 {.name = "title", .required = true, .max_length = 20},
                 {.name = "notes", .kind = FieldKind::kLongText, .nullable = true},
                 {.name = "hours", .kind = FieldKind::kInt, .nullable = true, .min = 0, .max = 720},
                 {.name = "share", .kind = FieldKind::kDecimal},
                 {.name = "due", .kind = FieldKind::kDate},
                 {.name = "at", .kind = FieldKind::kDateTime},
                 {.name = "done", .kind = FieldKind::kBool},
                 {.name = "state",
                  .kind = FieldKind::kChoice,
                  .choices = {{"open", "x.open"}, {"closed", "x.closed"}}},
                 {.name = "system_ids", .kind = FieldKind::kReferenceList, .max_length = 3},
                 {.name = "class", .kind = FieldKind::kInt, .stored = false}}};
  return kType;
}

json Valid() {
  return {{"org_unit_id", 7}, {"title", "Rubrik"}};
}

TEST(RecordInput, AValidBodyPasses) {
  json full = Valid();
  full.update({{"notes", "rad\r\nrad"},
               {"hours", 720},
               {"share", 0.5},
               {"due", "2028-02-29"},
               {"at", "2026-12-07T10:00:00+01:00"},
               {"done", true},
               {"state", "closed"},
               {"system_ids", {1, 2, 3}}});
  EXPECT_TRUE(CheckRecordInput(Sample(), Valid(), false).ok());
  Status s = CheckRecordInput(Sample(), full, false);
  EXPECT_TRUE(s.ok()) << s.error().message_key << " " << s.error().field;
  EXPECT_TRUE(CheckRecordInput(Sample(), {{"hours", nullptr}, {"version", 2}}, true).ok())
      << "an update names only what it changes";
}

TEST(RecordInput, EachWrongValueIsRefusedNamingItsField) {
  const struct {
    const char* what;
    json change;  // merged into a valid create body; a null value removes the member
    const char* key;
    const char* field;
  } cases[] = {
      {"unknown field", {{"colour", "red"}}, "error.field_unknown", "colour"},
      {"derived field", {{"class", 3}}, "error.field_unknown", "class"},
      {"missing required", {{"title", nullptr}}, "error.field_missing", "title"},
      {"blank required", {{"title", "  "}}, "error.field_blank", "title"},
      {"too long", {{"title", std::string(21, 'x')}}, "error.field_too_long", "title"},
      {"text not text", {{"title", 5}}, "error.field_not_text", "title"},
      {"reference not an id", {{"org_unit_id", "sju"}}, "error.field_not_integer", "org_unit_id"},
      {"below range", {{"hours", -1}}, "error.field_out_of_range", "hours"},
      {"above range", {{"hours", 721}}, "error.field_out_of_range", "hours"},
      {"decimal not a number", {{"share", "0,5"}}, "error.field_not_number", "share"},
      {"not a date", {{"due", "2026-02-29"}}, "error.field_not_date", "due"},
      {"not a time", {{"at", "igår"}}, "error.field_not_time", "at"},
      {"not a boolean", {{"done", "ja"}}, "error.field_not_boolean", "done"},
      {"not a choice", {{"state", "Open"}}, "error.field_not_choice", "state"},
      {"too many references", {{"system_ids", {1, 2, 3, 4}}}, "error.field_too_many", "system_ids"},
      {"reference list of text",
       {{"system_ids", {"a"}}},
       "error.field_not_integer_list",
       "system_ids"},
      {"null where not nullable", {{"state", nullptr}, {"due", nullptr}}, "", ""},
  };
  for (const auto& c : cases) {
    json body = Valid();
    for (const auto& [k, v] : c.change.items()) {
      if (v.is_null() && std::string(c.what) != "null where not nullable")
        body.erase(k);
      else
        body[k] = v;
    }
    Status s = CheckRecordInput(Sample(), body, false);
    if (!*c.key) {
      ASSERT_FALSE(s.ok()) << c.what;
      EXPECT_EQ(s.error().message_key, "error.field_null") << c.what;
      continue;
    }
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.error().message_key, c.key) << c.what;
    EXPECT_EQ(s.error().field, c.field) << c.what;
  }
}

TEST(RecordInput, AChoiceErrorListsTheChoices) {
  Status s =
      CheckRecordInput(Sample(), {{"org_unit_id", 1}, {"title", "t"}, {"state", "x"}}, false);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().args.at("allowed"), "open, closed");
}

// The systems declaration refuses what the system service refuses today.
TEST(RecordInput, TheSystemDeclarationRefusesWhatTheServiceRefuses) {
  const domain::RecordType& systems = domain::SystemRecord();
  json valid = {{"name", "Procapita"},
                {"object_id", 3},
                {"hosting", "cloud"},
                {"hosting_country", "SE"},
                {"lifecycle", "in_use"}};
  EXPECT_TRUE(CheckRecordInput(systems, valid, false).ok());
  const struct {
    json change;
    const char* field;
  } cases[] = {{{{"hosting", "moln"}}, "hosting"},
               {{{"lifecycle", "active"}}, "lifecycle"},
               {{{"name", ""}}, "name"},
               {{{"supplier_name", std::string(201, 'x')}}, "supplier_name"},
               {{{"vendor", "x"}}, "vendor"}};
  for (const auto& c : cases) {
    json body = valid;
    body.update(c.change);
    Status s = CheckRecordInput(systems, body, false);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.error().field, c.field);
  }
}

// A new record holds every stored field: given, defaulted, "" for text that may not be null,
// else null; nothing that is not stored.
TEST(RecordInput, ANewRecordHasEveryStoredFieldAndItsDefault) {
  const domain::RecordType& systems = domain::SystemRecord();
  json r = RecordFromInput(systems, {{"name", "Procapita"}, {"object_id", 3}});
  EXPECT_EQ(r["name"], "Procapita");
  EXPECT_EQ(r["hosting"], "own");
  EXPECT_EQ(r["lifecycle"], "in_use");
  EXPECT_EQ(r["description"], "") << "text that may not be null";
  EXPECT_TRUE(r["hosting_country"].is_null());
  EXPECT_TRUE(r["max_outage_hours"].is_null());
  size_t stored = 0;
  for (const auto& f : systems.fields) stored += f.stored ? 1 : 0;
  EXPECT_EQ(r.size(), stored);
  json given = RecordFromInput(Sample(), {{"org_unit_id", 7}, {"title", "t"}, {"state", "open"}});
  EXPECT_EQ(given["state"], "open");
  EXPECT_TRUE(given["notes"].is_null());
  EXPECT_FALSE(given.contains("class"));
}

TEST(RecordInput, StoredValuesKeepOnlyStoredFields) {
  json record = {{"org_unit_id", 7}, {"title", "t"}, {"class", 3}, {"id", 9}, {"version", 2}};
  json stored = StoredValues(Sample(), record);
  EXPECT_EQ(stored["title"], "t");
  EXPECT_TRUE(stored["notes"].is_null());
  EXPECT_FALSE(stored.contains("class"));
  EXPECT_FALSE(stored.contains("id"));
  EXPECT_FALSE(stored.contains("version"));
}

// A field the service sets (input = false) is no input: a body naming it is refused, and a new
// record gets its default.
TEST(RecordInput, FieldsTheServiceSetsAreNotInput) {
  const domain::RecordType& deviations = domain::DeviationRecord();
  json body = {{"title", "Loggar saknas"}, {"org_unit_id", 4}, {"detected_on", "2026-12-01"}};
  EXPECT_TRUE(CheckRecordInput(deviations, body, false).ok());
  for (const char* set_by_service : {"status", "reported_by", "verdict_effective"}) {
    json bad = body;
    bad[set_by_service] = nullptr;
    Status s = CheckRecordInput(deviations, bad, false);
    ASSERT_FALSE(s.ok()) << set_by_service;
    EXPECT_EQ(s.error().field, set_by_service);
  }
  json r = RecordFromInput(deviations, body);
  EXPECT_EQ(r["status"], "reported");
  EXPECT_EQ(r["source"], "self_reported");
  EXPECT_TRUE(r["reported_by"].is_null());
}

// A version stored before a field was declared reads with the field as null.
TEST(RecordInput, AnEarlierVersionGetsNullForFieldsDeclaredSince) {
  json old = {{"id", 3}, {"name", "Procapita"}, {"object_id", 1}, {"hosting", "own"}};
  json read = WithDeclaredFields(domain::SystemRecord(), old);
  EXPECT_EQ(read["hosting"], "own");
  EXPECT_TRUE(read.contains("max_outage_hours"));
  EXPECT_TRUE(read["max_outage_hours"].is_null());
  EXPECT_FALSE(read.contains("security_class")) << "derived fields are not stored";
}

}  // namespace
}  // namespace lis::service
