// Fields the asset registers declare alike (domain/assets/*_record.cpp).
#pragma once

#include <vector>

#include "domain/records/record_type.h"

namespace lis::domain {

// The record's name (required, one line) and description (several lines).
FieldDecl AssetNameField();
FieldDecl AssetDescriptionField();
// What a classified register derives from the information sets behind its records
// (domain/assets/classification.h): the security class, the reason for it and the next review
// date. Read-only, never input.
std::vector<FieldDecl> ClassFields();

}  // namespace lis::domain
