// The audit trail on pages: record fields and their values in words, a record's history
// section (its versions, what each changed, field by field, and restore forms), and the page
// that shows one earlier version. Shared by the pages of every area.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/records/record_type.h"
#include "http/app.h"
#include "http/http_types.h"
#include "http/pages/form.h"
#include "http/pages/org_tree.h"

namespace lis::http {

// Lets `tree` name the deleted nodes the caller may read ("Name (deleted)"), for records that
// point at them: earlier versions, the audit log, removed roles.
void AddDeletedNodeNames(App& app, const RequestContext& ctx, OrgTree& tree);

// The label of a record field ("parent_id" -> "Överordnad enhet"); the field name itself when
// the catalogue has no label for it.
// `entity` (the audit entity of the record, "" when unknown) picks the declaration of the
// field in that record type when fields of one name differ between types.
std::string FieldLabel(const RequestContext& ctx, const std::string& field,
                       const std::string& entity = "");

// The name of record `id` that reference field `field` (a declared one, domain/records)
// points at, for the pages that know how to find it; "" when unknown.
using ReferenceNamer = std::function<std::string(const std::string& field, long long id)>;

// A stored field value in words: null as "none", booleans as yes/no, kinds, roles,
// languages, declared choices and personal data translated, organisation node ids (parent_id,
// org_unit_id, scope_id) by name from `tree`, other declared references by `names`, times in
// Swedish local time.
std::string FieldValueText(const RequestContext& ctx, const OrgTree& tree, const std::string& field,
                           const nlohmann::json& value, const ReferenceNamer& names = {},
                           const std::string& entity = "");

// The derived field in which a record of a declared type carries the name of the person its
// reference `field` names: "responsible_id" -> "responsible_name", "reported_by" ->
// "reported_by_name".
std::string PersonNameField(const std::string& field);
// Names the people `record` names by the names it carries (PersonNameField), also for another
// of its fields or an earlier version naming the same person; other references by `others`;
// what neither names as a word saying it is not shown, never an id.
ReferenceNamer RecordNamer(const RequestContext& ctx, const nlohmann::json& record,
                           ReferenceNamer others = {});
// The words of `record`'s value of declared field `f`: units by name from `tree`, other
// references and lists of them by `names`, the rest as DeclaredValueText; "" for nothing.
std::string RecordValueText(const RequestContext& ctx, const OrgTree& tree,
                            const domain::FieldDecl& f, const nlohmann::json& record,
                            const ReferenceNamer& names);

// The fields that differ between two states of a record (either may be null: created,
// removed), as rows {field, label, before, after, has_before, has_after} for the
// templates; leaves out id, version and the time stamps, and the empty fields of a new record.
nlohmann::json ChangeRows(const RequestContext& ctx, const OrgTree& tree,
                          const nlohmann::json& before, const nlohmann::json& after,
                          const std::string& entity = "");

// The translated name of an audit action ("update" -> "Ändring"); the action itself when
// unknown.
std::string ActionLabel(const RequestContext& ctx, const std::string& action);

// The record as it was at `version`, rebuilt from history entries (oldest first, as the
// services return them): nothing when there was no such version.
std::optional<nlohmann::json> RecordAtVersion(const std::vector<nlohmann::json>& entries,
                                              long long version);

// The version to restore to undo the newest deletion in `entries`: the one before it.
std::optional<long long> VersionBeforeDelete(const std::vector<nlohmann::json>& entries);

struct HistoryOptions {
  std::string base{};         // the record's page, "/org/12"; forms post to base + "/restore"
  std::string form_prefix{};  // ids of the restore forms: form_prefix + "-" + version
  std::string record_name{};  // for the confirmation question
  bool can_restore = false;   // the caller may change the record
  bool version_pages = true;  // base + "/versions/N" shows version N
  std::string from{};         // sent with the restore form as "from" (the page it is on)
  ReferenceNamer reference_names{};  // names the records the record's references point at
  std::string entity{};              // the record's audit entity: its declared fields by its type
};

// The history section of a record's page (HTML): its versions newest first, each with time,
// actor, action, comment and the changed fields before and after, and, for callers who may
// change the record, a restore form for each earlier version. `failure` is a failed
// restore, shown at its form.
std::string HistoryHtml(const RequestContext& ctx, const OrgTree& tree,
                        const std::vector<nlohmann::json>& entries, const HistoryOptions& options,
                        const FormFailure* failure);

// The restore form for `version` of a record (HTML).
std::string RestoreFormHtml(const RequestContext& ctx, const HistoryOptions& options,
                            long long version, const FormFailure* failure, bool with_comment);

// Handles POST base/restore from a restore form: `restore` gets {"version", "comment"?}; on
// success the caller is sent to `done_href` with ?notice=restored, after an input error
// `show` shows the page again (the failure names the form by the posted version).
void HandleRestore(RequestContext& ctx, HttpResponse& out, const std::string& form_prefix,
                   const std::function<Result<nlohmann::json>(const nlohmann::json&)>& restore,
                   const std::string& done_href, const FormShow& show);

// The fields of one version of a record, in `fields` order, as rows {label, value}.
nlohmann::json VersionRows(const RequestContext& ctx, const OrgTree& tree,
                           const nlohmann::json& record, const std::vector<std::string>& fields);

}  // namespace lis::http
