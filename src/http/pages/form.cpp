#include "http/pages/form.h"

#include "core/messages.h"
#include "http/api/api_support.h"

namespace lis::http {

using nlohmann::json;

Form::Form(const RequestContext& ctx, std::string id, std::string action,
           const FormFailure* failure)
    : ctx_(ctx),
      id_(std::move(id)),
      action_(std::move(action)),
      failure_(failure && failure->form == id_ ? failure : nullptr) {}

std::string Form::Value(const std::string& name, const std::string& fallback) const {
  return failure_ ? ctx_.request.Param(name) : fallback;
}

Form& Form::Text(const std::string& name, const std::string& label_key, const std::string& value,
                 const FormInput& input) {
  Field f;
  f.kind = "input";
  f.name = name;
  f.label = Messages::Embedded().Text(ctx_.language, label_key);
  f.value = Value(name, value);
  f.input = input;
  fields_.push_back(std::move(f));
  return *this;
}

Form& Form::Password(const std::string& name, const std::string& label_key,
                     const std::string& autocomplete, const std::string& hint_key) {
  Field f;
  f.kind = "input";
  f.name = name;
  f.label = Messages::Embedded().Text(ctx_.language, label_key);
  f.input.type = "password";
  f.input.autocomplete = autocomplete;
  f.input.required = true;
  f.input.hint_key = hint_key;
  fields_.push_back(std::move(f));
  return *this;
}

Form& Form::Select(const std::string& name, const std::string& label_key,
                   std::vector<SelectOption> options, const std::string& value, bool required) {
  Field f;
  f.kind = "select";
  f.name = name;
  f.label = Messages::Embedded().Text(ctx_.language, label_key);
  f.value = Value(name, value);
  f.options = std::move(options);
  f.input.required = required;
  fields_.push_back(std::move(f));
  return *this;
}

Form& Form::Checkbox(const std::string& name, const std::string& label_key, bool checked) {
  Field f;
  f.kind = "checkbox";
  f.name = name;
  f.label = Messages::Embedded().Text(ctx_.language, label_key);
  f.checked = failure_ ? ctx_.request.HasParam(name) : checked;
  fields_.push_back(std::move(f));
  return *this;
}

Form& Form::Hidden(const std::string& name, const std::string& value) {
  std::string v = value;
  if (failure_) {
    v = ctx_.request.Param(name);
    if (name == "version" && !failure_->error.current_json.empty()) {
      json current = json::parse(failure_->error.current_json, nullptr, false);
      if (current.is_object() && current.contains("version"))
        v = std::to_string(current["version"].get<long long>());
    }
  }
  hidden_.emplace_back(name, v);
  return *this;
}

Form& Form::Submit(const std::string& label_key, const std::string& style,
                   const std::string& hidden_text) {
  submit_label_ = Messages::Embedded().Text(ctx_.language, label_key);
  submit_style_ = style;
  submit_hidden_ = hidden_text;
  return *this;
}

Form& Form::Confirm(const std::string& text) {
  confirm_ = text;
  return *this;
}

Form& Form::Inline() {
  inline_ = true;
  return *this;
}

const Form::Field* Form::FindField(const std::string& name) const {
  for (const auto& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

// The error in words: the field named by its label rather than its code name, a kind of
// organisation node by its translated name.
std::string Form::ErrorMessage() const {
  const Messages& msg = Messages::Embedded();
  Error e = failure_->error;
  if (const Field* f = FindField(e.field); f && e.args.count("field")) e.args["field"] = f->label;
  if (auto k = e.args.find("kind"); k != e.args.end())
    k->second = msg.Text(ctx_.language, "kind." + k->second);
  return msg.ErrorText(ctx_.language, e);
}

std::string Form::Display(const Field& f, const json& v) const {
  const Messages& msg = Messages::Embedded();
  if (v.is_null()) return msg.Text(ctx_.language, "common.none");
  if (v.is_boolean()) return msg.Text(ctx_.language, v.get<bool>() ? "common.yes" : "common.no");
  std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  for (const auto& o : f.options)
    if (o.value == text) return o.label;
  return text;
}

std::string Form::Html() const {
  const Messages& msg = Messages::Embedded();
  json data = {{"id", id_},
               {"action", action_},
               {"csrf", ctx_.csrf_token},
               {"confirm", confirm_},
               {"inline", inline_},
               {"submit", submit_label_},
               {"submit_hidden", submit_hidden_},
               {"button_class", submit_style_.empty() ? "" : "button-" + submit_style_},
               {"summary", ""}};
  data["hidden"] = json::array();
  for (const auto& [name, value] : hidden_)
    data["hidden"].push_back({{"name", name}, {"value", value}});

  std::string message;
  const Field* error_field = nullptr;
  if (failure_) {
    message = ErrorMessage();
    error_field = FindField(failure_->error.field);
    json summary = {{"message", message},
                    {"href", error_field ? "#" + FieldId(error_field->name) : ""},
                    {"heading", msg.Text(ctx_.language, "form.error_heading")},
                    {"current", json::array()},
                    {"conflict", false}};
    json current = failure_->error.current_json.empty()
                       ? json()
                       : json::parse(failure_->error.current_json, nullptr, false);
    if (failure_->error.code == Code::kConflict && current.is_object()) {
      // Someone else changed the record: show it as it is now, field by field of this form.
      for (const auto& f : fields_) {
        if (f.input.type == "password" || !current.contains(f.name)) continue;
        summary["current"].push_back({{"label", f.label}, {"value", Display(f, current[f.name])}});
      }
      if (!summary["current"].empty()) {
        summary["conflict"] = true;
        summary["message"] = msg.Text(ctx_.language, "form.conflict");
        summary["after"] = msg.Text(ctx_.language, "form.conflict_after");
      }
    }
    data["summary"] = summary;
  }

  data["fields"] = json::array();
  for (const auto& f : fields_) {
    std::string field_id = FieldId(f.name);
    bool invalid = error_field == &f;
    std::string hint = f.input.hint_key.empty() ? "" : msg.Text(ctx_.language, f.input.hint_key);
    std::string describedby;
    if (!hint.empty()) describedby = field_id + "-hint";
    if (invalid) describedby += (describedby.empty() ? "" : " ") + field_id + "-error";
    json options = json::array();
    for (const auto& o : f.options)
      options.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == f.value}});
    data["fields"].push_back({{"id", field_id},
                              {"name", f.name},
                              {"label", f.label},
                              {"is_input", f.kind == "input"},
                              {"is_select", f.kind == "select"},
                              {"is_checkbox", f.kind == "checkbox"},
                              {"type", f.input.type},
                              {"autocomplete", f.input.autocomplete},
                              {"required", f.input.required},
                              {"value", f.input.type == "password" ? "" : f.value},
                              {"checked", f.checked},
                              {"options", options},
                              {"hint", hint},
                              {"invalid", invalid},
                              {"error", invalid ? message : ""},
                              {"describedby", describedby}});
  }
  return RenderTemplate("form", data);
}

void HandleForm(RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                const std::vector<FormField>& fields, const FormAction& action,
                const FormDone& done, const FormShow& show) {
  if (!RequirePageCaller(ctx, out)) return;
  auto body = FormToJson(ctx.request, fields);
  Result<json> result = body.ok() ? action(*body) : Result<json>(body.error());
  if (result.ok()) return done(*result);
  const Error& e = result.error();
  if (e.code == Code::kInvalid || e.code == Code::kConflict) return show(FormFailure{form_id, e});
  WriteErrorPage(out, ctx, e);
}

}  // namespace lis::http
