// A record type declared once: its fields and everything every layer needs to know of them
// (input checks, storage, lists, forms, import and export, the API document). The layers
// derive their parts from the declaration instead of writing the fields again
// (service/records/record_input.h, store/records/record_table.h).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

enum class FieldKind {
  kText,           // one line
  kLongText,       // several lines: tab, CR and LF allowed
  kInt,            // an integer, within `min`..`max` when given
  kDecimal,        // a number
  kDate,           // YYYY-MM-DD
  kDateTime,       // RFC 3339, stored in UTC
  kBool,           // true or false
  kChoice,         // one of `choices`
  kReference,      // the id of a record of type `references`
  kReferenceList,  // ids of records of type `references`, at most `max_length`
  kStructured,     // a structure the service derives (never input); `api_schema` describes it
};

// Who may read a field's value besides those who read the record.
enum class FieldRead {
  kRecord,   // everyone who reads the record
  kSecrecy,  // only with the secrecy permission (others see it redacted)
};

struct Choice {
  const char* value;      // what the API and the database hold
  const char* label_key;  // the word a person reads (message catalogue)
  // Further words an imported file may use for it (its code and its words in both languages
  // are always read).
  std::vector<const char*> aliases = {};
};

// Where a list of references is mirrored: one row (owner, target) per reference in `table`, for
// queries that join it. The list itself stays a column of its record, so every version holds it
// and a restore brings it back.
struct LinkDecl {
  const char* table = nullptr;   // nullptr: the list is not a column (the service keeps links)
  const char* owner = nullptr;   // the link table's column naming the record
  const char* target = nullptr;  // the link table's column naming the referenced record
};

// One field. Declared with designated initialisers, so every property is named where it is
// set: {.name = "hosting", .kind = FieldKind::kChoice, .choices = {...}}.
struct FieldDecl {
  const char* name = "";
  FieldKind kind = FieldKind::kText;
  bool required = false;  // must be given on create (text: not blank)
  bool nullable = false;  // may be null
  size_t max_length = 0;  // text, choice: bytes (0: 200, 4000 for kLongText, 64 for a choice);
                          // list: items
  std::optional<long long> min = {};  // kInt
  std::optional<long long> max = {};
  std::vector<Choice> choices = {};  // kChoice
  const char* references = nullptr;  // kReference, kReferenceList: the record type
  LinkDecl link = {};                // kReferenceList: a column mirrored in a link table
  const char* label_key = nullptr;   // the field's name on pages and in exports
  const char* help_key = nullptr;    // a sentence of help on the form
  FieldRead read = FieldRead::kRecord;
  bool filterable = false;              // a list parameter of the same name
  bool sortable = false;                // a sort key of the same name
  bool searchable = false;              // matched by the list's free-text ?q=
  bool listed = false;                  // a column of the list
  bool stored = true;                   // a column of the record's table (false: derived or linked)
  bool input = true;                    // in create and update bodies (false: the service sets it)
  const char* default_value = nullptr;  // a choice or text stored when a create leaves it out
  const char* header_sv = nullptr;      // import and export column headers (nullptr: not in files)
  const char* header_en = nullptr;
  std::vector<const char*> header_aliases = {};  // further headers an import accepts
  // kStructured: the name of its schema in the hand-written part of the API document.
  const char* api_schema = nullptr;
};

struct RecordType {
  const char* name;         // the record type, as references name it ("system")
  const char* table;        // SQL table
  const char* entity;       // name in the audit trail
  const char* scope_field;  // the field naming its organisation node ("" when through another)
  std::vector<FieldDecl> fields;

  // The field called `name`, or nullptr.
  const FieldDecl* Find(std::string_view name) const;
};

// The bytes a text field may hold (its max_length, or the default for its kind).
size_t MaxTextBytes(const FieldDecl& field);
// Whether `value` is one of the field's choices.
bool IsChoice(const FieldDecl& field, std::string_view value);
// The values of the field's choices, in their order.
std::vector<std::string> ChoiceValues(const FieldDecl& field);
// The choice `value` of the field, or nullptr.
const Choice* FindChoice(const FieldDecl& field, std::string_view value);

// The fields of `parts`, in order: a declaration made of shared pieces.
std::vector<FieldDecl> JoinFields(std::initializer_list<std::vector<FieldDecl>> parts);

// Every declared record type.
const std::vector<const RecordType*>& DeclaredRecordTypes();
// The declared type whose audit entity is `entity`, or nullptr.
const RecordType* FindRecordType(std::string_view entity);
// The field called `name` of the type whose audit entity is `entity` when it declares one, else
// the first declared field of that name of any type, or nullptr: for pages that show a field
// by its name (the history, the audit log). A unit test holds fields of one name to one kind.
const FieldDecl* FindDeclaredField(std::string_view name, std::string_view entity = {});

}  // namespace lis::domain
