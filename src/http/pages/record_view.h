// Pages of a declared record type (domain/records/record_type.h): its form fields, the words
// of its values, its choices. A page that shows a declared type takes them from here instead
// of writing its fields again.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/records/record_type.h"
#include "http/pages/form.h"

namespace lis::http {

// The options of a reference field (the records the caller may choose), given by the page.
using ReferenceOptions = std::function<std::vector<SelectOption>(const domain::FieldDecl&)>;
// The name of record `id` of a reference field, given by the page ("" when unknown).
using ReferenceName = std::function<std::string(const domain::FieldDecl&, long long id)>;

// The word a person reads for `value` of `field`: a choice's word, yes or no, a time in
// Swedish local time, a number or the text, the referenced record's name; "" for null.
std::string DeclaredValueText(const RequestContext& ctx, const domain::FieldDecl& field,
                              const nlohmann::json& value, const ReferenceName& name = {});

// A choice field's choices, in the request's language.
std::vector<SelectOption> DeclaredChoiceOptions(const RequestContext& ctx,
                                                const domain::FieldDecl& field);

// Adds the stored input fields of `type` to `form` in their declared order (only those named in
// `only`, when it is not empty), filled in from `record` (an empty object: a new record, its
// defaults chosen).
void AddDeclaredFields(Form& form, const RequestContext& ctx, const domain::RecordType& type,
                       const nlohmann::json& record, const ReferenceOptions& references,
                       const std::vector<std::string>& only = {});

// The column headers of a declared register: a header for each listed field, in its
// declared order; a sortable one links to `path` sorted by it (the other way round when it is
// the current `sort`, "-" for descending), followed by `kept` (the list's other parameters,
// "&name=value..."), and carries its aria-sort: [{"label", "href", "aria_sort"}].
nlohmann::json DeclaredSortHeaders(const RequestContext& ctx, const domain::RecordType& type,
                                   const std::string& path, const std::string& sort,
                                   const std::string& kept);

// The fields AddDeclaredFields put on a form, as HandleForm reads them.
std::vector<FormField> DeclaredFormFields(const domain::RecordType& type,
                                          const std::vector<std::string>& only = {});

}  // namespace lis::http
