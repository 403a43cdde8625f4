// Fields the deviation and exception registers declare alike
// (domain/deviations/*_record.cpp).
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

// The record's title: required, one line, sorted, searched and listed ("rubrik").
FieldDecl TitleField(const char* label_key);
// The organisation unit the record belongs to: required, filtered and listed.
FieldDecl OrgUnitField(const char* label_key);
// A person the service names (reporter, requester, decider): a user, never input.
FieldDecl ServiceSetUserField(const char* name, const char* label_key);
// A value the service derives for its answers: never stored nor input; text may be null;
// a structured value has the API schema `api_schema`.
FieldDecl DerivedField(const char* name, FieldKind kind, const char* label_key,
                       const char* api_schema = nullptr);

}  // namespace lis::domain
