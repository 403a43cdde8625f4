#include "domain/records/record_type.h"

#include <gtest/gtest.h>

#include <map>

#include "core/messages.h"
#include "domain/assets/system_record.h"

namespace lis::domain {
namespace {

const RecordType& Sample() {
  static const RecordType kType = {
      .name = "sample",
      .table = "samples",
      .entity = "sample",
      .scope_field = "org_unit_id",
      .fields = {{.name = "title", .kind = FieldKind::kText},
                 {.name = "notes", .kind = FieldKind::kLongText},
                 {.name = "code", .kind = FieldKind::kText, .max_length = 12},
                 {.name = "state",
                  .kind = FieldKind::kChoice,
                  .choices = {{"open", "x.open"}, {"closed", "x.closed"}}}}};
  return kType;
}

TEST(RecordType, FindsAFieldByName) {
  ASSERT_NE(Sample().Find("state"), nullptr);
  EXPECT_EQ(Sample().Find("state")->kind, FieldKind::kChoice);
  EXPECT_EQ(Sample().Find("nothing"), nullptr);
}

TEST(RecordType, TextLimitsDefaultByKind) {
  const struct {
    const char* field;
    size_t bytes;
  } cases[] = {{"title", 200}, {"notes", 4000}, {"code", 12}};
  for (const auto& c : cases) EXPECT_EQ(MaxTextBytes(*Sample().Find(c.field)), c.bytes) << c.field;
}

TEST(RecordType, ChoicesAreExactValues) {
  const FieldDecl& state = *Sample().Find("state");
  EXPECT_TRUE(IsChoice(state, "open"));
  EXPECT_TRUE(IsChoice(state, "closed"));
  EXPECT_FALSE(IsChoice(state, "Open"));
  EXPECT_FALSE(IsChoice(state, ""));
}

// Every word a person reads of a declared type is in the catalogue in both languages.
TEST(RecordType, DeclaredTypesHaveEveryLabelInBothLanguages) {
  const Messages& m = Messages::Embedded();
  for (const RecordType* type : DeclaredRecordTypes()) {
    for (const auto& f : type->fields) {
      std::vector<const char*> keys = {f.label_key};
      for (const auto& c : f.choices) keys.push_back(c.label_key);
      if (f.help_key) keys.push_back(f.help_key);
      for (const char* key : keys) {
        ASSERT_NE(key, nullptr) << type->name << "." << f.name << " has no label";
        for (const char* lang : {"sv", "en"})
          EXPECT_NE(m.Text(lang, key), key) << type->name << "." << f.name << ": " << key;
      }
      EXPECT_EQ(f.header_sv == nullptr, f.header_en == nullptr)
          << f.name << ": a file column has both headers or none";
    }
  }
}

TEST(RecordType, DeclaredTypesAreFoundByEntity) {
  EXPECT_EQ(FindRecordType("system"), &SystemRecord());
  EXPECT_EQ(FindRecordType("nothing"), nullptr);
  EXPECT_EQ(FindDeclaredField("hosting"), SystemRecord().Find("hosting"));
  EXPECT_EQ(FindDeclaredField("nothing"), nullptr);
}

// Pages find a field by its name and its record's entity (the history, the audit log): the
// entity picks its own type's field; without one, fields of one name are at least of one kind.
TEST(RecordType, AFieldIsFoundByItsNameInItsOwnType) {
  for (const RecordType* type : DeclaredRecordTypes())
    for (const auto& f : type->fields) {
      EXPECT_EQ(FindDeclaredField(f.name, type->entity), &f) << type->name << "." << f.name;
      const FieldDecl* first = FindDeclaredField(f.name);
      ASSERT_NE(first, nullptr);
      EXPECT_EQ(first->kind, f.kind) << type->name << "." << f.name;
    }
  EXPECT_NE(ChoiceValues(*FindDeclaredField("status", "exception")),
            ChoiceValues(*FindDeclaredField("status", "deviation")));
}

// An imported word names one choice: no alias is another choice's code or alias.
TEST(RecordType, ChoiceAliasesNameOneChoice) {
  for (const RecordType* type : DeclaredRecordTypes())
    for (const auto& f : type->fields) {
      std::map<std::string, std::string> seen;
      for (const auto& c : f.choices) {
        EXPECT_TRUE(seen.emplace(c.value, c.value).second) << f.name << ": " << c.value;
        for (const char* alias : c.aliases)
          EXPECT_TRUE(seen.emplace(alias, c.value).second) << f.name << ": " << alias;
      }
      if (f.default_value && f.kind == FieldKind::kChoice)
        EXPECT_TRUE(IsChoice(f, f.default_value)) << type->name << "." << f.name;
    }
}

}  // namespace
}  // namespace lis::domain
