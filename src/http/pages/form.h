// Forms on pages, done one way everywhere.
//
// Rendering (Form): labelled fields, hints, the CSRF field; after a failed submission the
// user's input is kept, the message stands next to its field (aria-invalid,
// aria-describedby) and in a summary at the top of the form that links to the field.
//
// Version conflicts: a form that changes a record (it has a hidden "version") also carries
// the values it started from (_base_<field>, ignored by the handlers). When someone else saved
// the record meanwhile, the summary shows, field by field, their saved value beside the
// user's; the form then holds the user's changes on top of the saved record (the user's value
// where the user changed a field, the saved value elsewhere) and the current version, so that
// sending it again applies the user's changes to the other person's.
//
// Submitting (HandleForm): Post/Redirect/Get. The form fields become the JSON body of a
// service call; success redirects (or renders, for a value shown once), an input error
// (invalid, conflict) shows the page again with the failure, any other error shows the error
// page.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/http_types.h"
#include "http/pages/page_support.h"

namespace lis::http {

// A submission of one form that failed, to show its page again.
struct FormFailure {
  std::string form;  // id of the form that was sent
  Error error;
};

struct SelectOption {
  std::string value;
  std::string label;
};

// How a text field is shown.
struct FormInput {
  std::string type = "text";  // text, email, password ... or textarea (several lines)
  std::string autocomplete = "off";
  bool required = false;
  std::string hint_key;  // a hint below the label

  FormInput Required() const {
    FormInput i = *this;
    i.required = true;
    return i;
  }
  FormInput Hint(std::string key) const {
    FormInput i = *this;
    i.hint_key = std::move(key);
    return i;
  }
  FormInput Type(std::string t) const {
    FormInput i = *this;
    i.type = std::move(t);
    return i;
  }
};

class Form {
 public:
  // `failure` may be null; when it names this form, the form shows the user's input and the
  // error.
  Form(const RequestContext& ctx, std::string id, std::string action, const FormFailure* failure);

  Form& Text(const std::string& name, const std::string& label_key, const std::string& value,
             const FormInput& input = {});
  // Never filled in again after a failure.
  Form& Password(const std::string& name, const std::string& label_key,
                 const std::string& autocomplete, const std::string& hint_key = "");
  Form& Select(const std::string& name, const std::string& label_key,
               std::vector<SelectOption> options, const std::string& value, bool required = true);
  Form& Checkbox(const std::string& name, const std::string& label_key, bool checked);
  // "version" is replaced by the current version after a conflict.
  Form& Hidden(const std::string& name, const std::string& value);
  // The button text, its style ("", "secondary", "danger") and text for screen readers only
  // that tells apart buttons of the same name ("Remove" + " role CISO in Norrvik").
  Form& Submit(const std::string& label_key, const std::string& style = "",
               const std::string& hidden_text = "");
  // Ask before sending (web/static/app.js); the form still works without script.
  Form& Confirm(const std::string& text);
  // Laid out on one line (a button in a table row).
  Form& Inline();

  // Whether this form is the one that failed.
  bool Failed() const { return failure_ != nullptr; }
  std::string Html() const;

 private:
  struct Field {
    std::string kind;  // input, password, select, checkbox
    std::string name;
    std::string label;
    std::string value;
    FormInput input;
    std::vector<SelectOption> options;
    bool checked = false;
  };
  std::string Value(const std::string& name, const std::string& fallback) const;
  std::string FieldId(const std::string& name) const { return id_ + "-" + name; }
  const Field* FindField(const std::string& name) const;
  std::string ErrorMessage() const;
  struct Merge {
    const Field* field = nullptr;
    std::string theirs;  // saved by someone else
    std::string yours;   // sent by the user
    bool yours_changed = false;
    bool theirs_changed = false;
    std::string merged;  // what the form shows now
  };
  static constexpr const char* kBasePrefix = "_base_";
  static std::string FormText(const Field& f, const nlohmann::json& v);
  std::string DisplayText(const Field& f, const std::string& text) const;
  nlohmann::json Current() const;
  std::vector<Merge> MergeWithCurrent(const nlohmann::json& current) const;

  const RequestContext& ctx_;
  std::string id_;
  std::string action_;
  const FormFailure* failure_;
  std::vector<Field> fields_;
  std::vector<std::pair<std::string, std::string>> hidden_;
  std::string submit_label_;
  std::string submit_style_;
  std::string submit_hidden_;
  std::string confirm_;
  bool inline_ = false;
};

// One select of a GET filter form as the list templates take it: {id "filter-NAME", name,
// label, options [{value, label, selected}]}, led by "" with the text of `any_key`.
nlohmann::json FilterSelectData(const RequestContext& ctx, const std::string& name,
                                const std::string& label_key,
                                const std::vector<SelectOption>& options,
                                const std::string& current, const std::string& any_key);

using FormAction = std::function<Result<nlohmann::json>(const nlohmann::json& body)>;
using FormDone = std::function<void(const nlohmann::json& result)>;
using FormShow = std::function<void(const FormFailure& failure)>;

// Handles a submission of form `form_id`: the caller must be signed in; `fields` become the
// body for `action`; then `done` on success, `show` after an input error (kInvalid,
// kConflict), the error page otherwise.
void HandleForm(RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                const std::vector<FormField>& fields, const FormAction& action,
                const FormDone& done, const FormShow& show);

// The error of a failure, or null: for PageStatus.
inline const Error* FailureError(const FormFailure* f) {
  return f ? &f->error : nullptr;
}

}  // namespace lis::http
