#include "http/pages/history_view.h"

#include <algorithm>

#include "core/messages.h"
#include "http/pages/page_support.h"
#include "http/pages/record_view.h"
#include "service/org/org_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The text of `key`, or `fallback` when the catalogue lacks it.
std::string TextOr(const RequestContext& ctx, const std::string& key, const std::string& fallback) {
  std::string text = Text(ctx, key);
  return text == key ? fallback : text;
}

bool IsTimeField(const std::string& field) {
  return field == "deleted_at" || field == "created_at" || field == "updated_at" ||
         field == "last_used_at" || field == "minute";
}

bool IsOrgIdField(const std::string& field) {
  return field == "parent_id" || field == "org_unit_id" || field == "scope_id";
}

bool Skipped(const std::string& field) {
  return field == "id" || field == "version" || field == "created_at" || field == "updated_at";
}

json ChangeRow(const RequestContext& ctx, const OrgTree& tree, const std::string& field,
               const json& before, const json& after, bool created,
               const ReferenceNamer& names = {}, const std::string& entity = "") {
  return {{"field", field},
          {"label", FieldLabel(ctx, field, entity)},
          {"before", created ? "" : FieldValueText(ctx, tree, field, before, names, entity)},
          {"after", FieldValueText(ctx, tree, field, after, names, entity)},
          {"has_before", !created},
          {"has_after", true}};
}

bool DigitsOnly(const std::string& s) {
  return !s.empty() && s.size() < 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

void AddDeletedNodeNames(App& app, const RequestContext& ctx, OrgTree& tree) {
  if (!ctx.caller) return;
  service::OrgListQuery query;
  query.deleted = true;
  auto deleted = app.org.List(*ctx.caller, query);
  if (!deleted.ok()) return;
  for (const auto& n : deleted->items)
    tree.AddDeletedName(n["id"].get<long long>(),
                        Text(ctx, "org.deleted_name", {{"name", n["name"].get<std::string>()}}));
}

std::string FieldLabel(const RequestContext& ctx, const std::string& field,
                       const std::string& entity) {
  std::string label = TextOr(ctx, "record.field." + field, "");
  if (!label.empty()) return label;
  const domain::FieldDecl* declared = domain::FindDeclaredField(field, entity);
  return declared && declared->label_key ? TextOr(ctx, declared->label_key, field) : field;
}

std::string FieldValueText(const RequestContext& ctx, const OrgTree& tree, const std::string& field,
                           const json& value, const ReferenceNamer& names,
                           const std::string& entity) {
  if (value.is_null()) return Text(ctx, "common.none");
  if (value.is_boolean()) return Text(ctx, value.get<bool>() ? "common.yes" : "common.no");
  if (value.is_number_integer() && IsOrgIdField(field)) return tree.NameOf(value.get<long long>());
  if (const domain::FieldDecl* declared = domain::FindDeclaredField(field, entity);
      declared && declared->kind == domain::FieldKind::kReference && value.is_number_integer() &&
      names)
    if (std::string name = names(field, value.get<long long>()); !name.empty()) return name;
  if (value.is_array() &&
      std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); })) {
    std::string joined;
    for (const auto& v : value) joined += (joined.empty() ? "" : ", ") + v.get<std::string>();
    return joined;
  }
  if (!value.is_string()) return value.dump();
  const std::string& text = value.get_ref<const std::string&>();
  if (IsTimeField(field)) return LocalTimeText(text);
  if (field == "kind" || field == "role" || field == "language")
    return TextOr(ctx, field + "." + text, text);
  if (const domain::FieldDecl* declared = domain::FindDeclaredField(field, entity);
      declared && declared->kind == domain::FieldKind::kChoice)
    return DeclaredValueText(ctx, *declared, value);
  if (field == "personal_data") return TextOr(ctx, "assets." + field + "." + text, text);
  if (field == "priority" || field == "origin")
    return TextOr(ctx, "actions." + field + "." + text, text);
  return text;
}

std::string PersonNameField(const std::string& field) {
  const std::string suffix = "_id";
  bool id = field.size() > suffix.size() &&
            field.compare(field.size() - suffix.size(), suffix.size(), suffix) == 0;
  return (id ? field.substr(0, field.size() - suffix.size()) : field) + "_name";
}

ReferenceNamer RecordNamer(const RequestContext& ctx, const json& record, ReferenceNamer others) {
  return [&ctx, record, others](const std::string& field, long long id) -> std::string {
    auto carried = [&](const std::string& f) {
      std::string name = Str(record, PersonNameField(f));
      return record.value(f, json(nullptr)) == json(id) ? name : std::string();
    };
    if (std::string name = carried(field); !name.empty()) return name;
    for (auto it = record.begin(); it != record.end(); ++it)
      if (std::string name = carried(it.key()); !name.empty()) return name;
    if (others)
      if (std::string name = others(field, id); !name.empty()) return name;
    return Text(ctx, "record.not_shown");
  };
}

std::string RecordValueText(const RequestContext& ctx, const OrgTree& tree,
                            const domain::FieldDecl& f, const json& record,
                            const ReferenceNamer& names) {
  const json& v = record.value(f.name, json(nullptr));
  bool unit = f.references && std::string(f.references) == "org_unit";
  if (f.kind == domain::FieldKind::kReference) {
    if (!v.is_number_integer()) return "";
    return unit ? tree.NameOf(v.get<long long>()) : names(f.name, v.get<long long>());
  }
  if (f.kind == domain::FieldKind::kReferenceList) {
    std::string out;
    for (const auto& id : record.value(f.name, json::array()))
      out += (out.empty() ? "" : ", ") + names(f.name, id.get<long long>());
    return out;
  }
  return DeclaredValueText(ctx, f, v);
}

json ChangeRows(const RequestContext& ctx, const OrgTree& tree, const json& before,
                const json& after, const std::string& entity) {
  json rows = json::array();
  static const json kEmpty = json::object();
  const json& b = before.is_object() ? before : kEmpty;
  const json& a = after.is_object() ? after : kEmpty;
  bool created = !before.is_object() && after.is_object();
  for (auto it = a.begin(); it != a.end(); ++it) {
    if (Skipped(it.key())) continue;
    json old = b.value(it.key(), json(nullptr));
    if (old == *it || (created && it->is_null())) continue;
    rows.push_back(ChangeRow(ctx, tree, it.key(), old, *it, created, {}, entity));
  }
  if (!after.is_object()) {
    // Only a before: what was removed.
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (Skipped(it.key()) || it->is_null()) continue;
      json row = ChangeRow(ctx, tree, it.key(), *it, nullptr, false, {}, entity);
      row["after"] = "";
      row["has_after"] = false;
      rows.push_back(row);
    }
  }
  return rows;
}

std::string ActionLabel(const RequestContext& ctx, const std::string& action) {
  return TextOr(ctx, "audit.action." + action, action);
}

std::optional<json> RecordAtVersion(const std::vector<json>& entries, long long version) {
  json record = json::object();
  for (const auto& e : entries) {
    for (const auto& c : e.value("changes", json::array()))
      record[c["field"].get<std::string>()] = c["after"];
    if (e.value("version", 0LL) == version) {
      record["version"] = version;
      return record;
    }
  }
  return std::nullopt;
}

std::optional<long long> VersionBeforeDelete(const std::vector<json>& entries) {
  for (size_t i = entries.size(); i-- > 1;)
    if (entries[i].value("action", "") == "delete") return entries[i - 1].value("version", 0LL);
  return std::nullopt;
}

std::string RestoreFormHtml(const RequestContext& ctx, const HistoryOptions& options,
                            long long version, const FormFailure* failure, bool with_comment) {
  std::string v = std::to_string(version);
  Form form(ctx, options.form_prefix + "-" + v, options.base + "/restore", failure);
  form.Hidden("restore_version", v);
  if (!options.from.empty()) form.Hidden("from", options.from);
  if (with_comment)
    form.Text("comment", "history.field.comment", "", FormInput().Hint("history.hint.comment"));
  else
    form.Inline();
  form.Confirm(
          Text(ctx, "history.restore_confirm", {{"name", options.record_name}, {"version", v}}))
      .Submit("history.restore_submit", "secondary",
              with_comment ? Text(ctx, "history.restore_hidden", {{"version", v}})
                           : options.record_name);
  return form.Html();
}

std::string HistoryHtml(const RequestContext& ctx, const OrgTree& tree,
                        const std::vector<json>& entries, const HistoryOptions& options,
                        const FormFailure* failure) {
  // The newest versions unless the whole history is asked for (?history=all).
  constexpr size_t kShown = 25;
  bool all = ctx.request.Param("history") == "all";
  size_t oldest_shown = all || entries.size() <= kShown ? 0 : entries.size() - kShown;
  // A failed restore of an older version is shown at its form.
  for (size_t i = 0; failure && i < oldest_shown; ++i)
    if (failure->form ==
        options.form_prefix + "-" + std::to_string(entries[i].value("version", 0LL)))
      oldest_shown = 0;
  json rows = json::array();
  for (size_t i = entries.size(); i-- > oldest_shown;) {
    const json& e = entries[i];
    long long version = e.value("version", 0LL);
    std::string action = e.value("action", "");
    bool current = i + 1 == entries.size();
    json changes = json::array();
    for (const auto& c : e.value("changes", json::array())) {
      std::string field = c["field"].get<std::string>();
      if (Skipped(field) || c["before"] == c["after"]) continue;
      bool created = action == "create";
      if (created && c["after"].is_null()) continue;
      changes.push_back(ChangeRow(ctx, tree, field, c["before"], c["after"], created,
                                  options.reference_names, options.entity));
    }
    std::string restore;
    bool restore_open = false;
    if (options.can_restore && !current && action != "delete") {
      std::string id = options.form_prefix + "-" + std::to_string(version);
      restore = RestoreFormHtml(ctx, options, version, failure, true);
      restore_open = failure && failure->form == id;
    }
    std::string comment = e.value("comment", "");
    rows.push_back({{"version", version},
                    {"href", options.version_pages && action != "delete"
                                 ? options.base + "/versions/" + std::to_string(version)
                                 : ""},
                    {"at", LocalTimeText(e.value("at", ""))},
                    {"actor", e.value("actor", "")},
                    {"action", ActionLabel(ctx, action)},
                    {"comment", comment},
                    {"has_comment", !comment.empty()},
                    {"changes", changes},
                    {"has_changes", !changes.empty()},
                    {"current", current},
                    {"restore", restore},
                    {"restore_open", restore_open}});
  }
  json data = {{"t", Messages::Embedded().Tree(ctx.language)},
               {"more_href", oldest_shown > 0 ? options.base + "?history=all#history" : ""},
               {"more_text", Text(ctx, "history.showing_latest",
                                  {{"shown", std::to_string(entries.size() - oldest_shown)},
                                   {"total", std::to_string(entries.size())}})},
               {"entries", rows},
               {"has_entries", !rows.empty()},
               {"can_restore", options.can_restore}};
  return RenderTemplate("history", data);
}

void HandleRestore(RequestContext& ctx, HttpResponse& out, const std::string& form_prefix,
                   const std::function<Result<json>(const json&)>& restore,
                   const std::string& done_href, const FormShow& show) {
  std::string v = ctx.request.Param("restore_version");
  std::string form_id = form_prefix + "-" + (DigitsOnly(v) ? v : "0");
  HandleForm(
      ctx, out, form_id, {{"restore_version", FormField::kInt}, {"comment"}},
      [&](const json& form) -> Result<json> {
        json body = {{"version", form.value("restore_version", json(nullptr))}};
        std::string comment = form.value("comment", "");
        if (!comment.empty()) body["comment"] = comment;
        return restore(body);
      },
      [&](const json&) { out.Redirect(done_href + "?notice=restored"); },
      [&](const FormFailure& f) {
        // A version that is not one of the record's (a stale or made-up request) has no form
        // to show the error at.
        if (f.error.field == "version") return WriteErrorPage(out, ctx, f.error);
        show(f);
      });
}

json VersionRows(const RequestContext& ctx, const OrgTree& tree, const json& record,
                 const std::vector<std::string>& fields) {
  json rows = json::array();
  for (const auto& f : fields)
    rows.push_back({{"label", FieldLabel(ctx, f)},
                    {"value", FieldValueText(ctx, tree, f, record.value(f, json(nullptr)))}});
  return rows;
}

}  // namespace lis::http
