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

// A field's value as the form holds it (text; "on" or "" for a checkbox) in words: the label
// of a choice, yes/no, "none" for nothing.
std::string Form::DisplayText(const Field& f, const std::string& text) const {
  const Messages& msg = Messages::Embedded();
  if (f.kind == "checkbox")
    return msg.Text(ctx_.language, text.empty() ? "common.no" : "common.yes");
  for (const auto& o : f.options)
    if (o.value == text) return o.label;
  if (text.empty()) return msg.Text(ctx_.language, "common.none");
  return text;
}

// A stored value as the form would hold it.
std::string Form::FormText(const Field& f, const json& v) {
  if (f.kind == "checkbox") return v.is_boolean() && v.get<bool>() ? "on" : "";
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// The record as it is now, after a version conflict; null otherwise.
json Form::Current() const {
  if (!failure_ || failure_->error.code != Code::kConflict || failure_->error.current_json.empty())
    return nullptr;
  json current = json::parse(failure_->error.current_json, nullptr, false);
  return current.is_object() ? current : json(nullptr);
}

// Three values per field: what the user's form started from (the base, sent along as
// _base_<name>), what the user sent, and what someone else saved meanwhile. The form takes the
// user's value where the user changed the field and the saved value elsewhere: the user's
// changes on top of the other person's.
std::vector<Form::Merge> Form::MergeWithCurrent(const json& current) const {
  std::vector<Merge> out;
  for (const auto& f : fields_) {
    if (f.input.type == "password" || !current.contains(f.name)) continue;
    Merge m;
    m.field = &f;
    m.theirs = FormText(f, current[f.name]);
    m.yours = f.kind == "checkbox" ? (f.checked ? "on" : "") : f.value;
    std::string base_name = kBasePrefix + f.name;
    // Without the base, everything the user sent counts as the user's change.
    std::string base = ctx_.request.HasParam(base_name) ? ctx_.request.Param(base_name) : m.theirs;
    m.yours_changed = m.yours != base;
    m.theirs_changed = m.theirs != base;
    m.merged = m.yours_changed ? m.yours : m.theirs;
    out.push_back(std::move(m));
  }
  return out;
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
  bool versioned = false;
  for (const auto& [name, value] : hidden_) {
    data["hidden"].push_back({{"name", name}, {"value", value}});
    versioned = versioned || name == "version";
  }

  // After a version conflict: the user's changes on top of the record as saved now.
  json current = Current();
  std::vector<Merge> merges;
  if (current.is_object()) merges = MergeWithCurrent(current);
  std::map<std::string, std::string> merged;
  for (const auto& m : merges) merged[m.field->name] = m.merged;

  // A form that changes a record carries the values it started from, so that a conflict can
  // tell the user's changes from the other person's.
  if (versioned) {
    for (const auto& f : fields_) {
      if (f.input.type == "password") continue;
      std::string name = kBasePrefix + f.name;
      std::string base = f.kind == "checkbox" ? (f.checked ? "on" : "") : f.value;
      if (current.is_object() && current.contains(f.name))
        base = FormText(f, current[f.name]);
      else if (failure_ && ctx_.request.HasParam(name))
        base = ctx_.request.Param(name);
      data["hidden"].push_back({{"name", name}, {"value", base}});
    }
  }

  std::string message;
  const Field* error_field = nullptr;
  if (failure_) {
    message = ErrorMessage();
    error_field = FindField(failure_->error.field);
    json summary = {{"message", message},
                    {"href", error_field ? "#" + FieldId(error_field->name) : ""},
                    {"heading", msg.Text(ctx_.language, "form.error_heading")},
                    {"rows", json::array()},
                    {"conflict", false}};
    if (current.is_object()) {
      // Someone else changed the record: their saved values beside the user's.
      for (const auto& m : merges) {
        if (m.theirs == m.yours) continue;
        std::string yours = DisplayText(*m.field, m.yours);
        if (!m.yours_changed)
          yours = msg.Text(ctx_.language, "form.conflict_not_yours", {{"value", yours}});
        std::string theirs = DisplayText(*m.field, m.theirs);
        if (!m.theirs_changed)
          theirs = msg.Text(ctx_.language, "form.conflict_not_theirs", {{"value", theirs}});
        summary["rows"].push_back(
            {{"label", m.field->label}, {"theirs", theirs}, {"yours", yours}});
      }
      if (!summary["rows"].empty()) {
        summary["conflict"] = true;
        summary["message"] = msg.Text(ctx_.language, "form.conflict");
        summary["after"] = msg.Text(ctx_.language, "form.conflict_after");
        summary["caption"] = msg.Text(ctx_.language, "form.conflict_caption");
        summary["field_heading"] = msg.Text(ctx_.language, "form.conflict_field");
        summary["theirs_heading"] = msg.Text(ctx_.language, "form.conflict_theirs");
        summary["yours_heading"] = msg.Text(ctx_.language, "form.conflict_yours");
      } else {
        summary["message"] = msg.Text(ctx_.language, "form.conflict_other");
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
    auto m = merged.find(f.name);
    std::string value = m != merged.end() ? m->second : f.value;
    bool checked = f.kind == "checkbox" && m != merged.end() ? !m->second.empty() : f.checked;
    json options = json::array();
    for (const auto& o : f.options)
      options.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == value}});
    data["fields"].push_back({{"id", field_id},
                              {"name", f.name},
                              {"label", f.label},
                              {"is_input", f.kind == "input" && f.input.type != "textarea"},
                              {"is_textarea", f.kind == "input" && f.input.type == "textarea"},
                              {"is_select", f.kind == "select"},
                              {"is_checkbox", f.kind == "checkbox"},
                              {"type", f.input.type},
                              {"autocomplete", f.input.autocomplete},
                              {"required", f.input.required},
                              {"value", f.input.type == "password" ? "" : value},
                              {"checked", checked},
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

json FilterSelectData(const RequestContext& ctx, const std::string& name,
                      const std::string& label_key, const std::vector<SelectOption>& options,
                      const std::string& current, const std::string& any_key) {
  json opts =
      json::array({{{"value", ""}, {"label", Text(ctx, any_key)}, {"selected", current.empty()}}});
  for (const auto& o : options)
    opts.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  return {
      {"id", "filter-" + name}, {"name", name}, {"label", Text(ctx, label_key)}, {"options", opts}};
}

}  // namespace lis::http
