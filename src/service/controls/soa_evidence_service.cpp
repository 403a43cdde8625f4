// The evidence part of SoaService: links and files of an entry, served and soft-deleted.
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "service/controls/soa_access.h"
#include "service/controls/soa_evidence_check.h"
#include "service/controls/soa_service.h"
#include "service/input.h"
#include "store/controls/soa_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

json EvidenceValues(const SoaKey& key, long long control_id, const std::string& kind,
                    const std::string& title) {
  return {{"org_unit_id", key.org_unit_id},
          {"framework_id", key.framework_id},
          {"control_id", control_id},
          {"kind", kind},
          {"title", title}};
}

// The live evidence `evidence_id` of the organisation's SoA, or kNotFound.
Result<json> EvidenceOf(Tx& tx, long long org_unit_id, long long evidence_id) {
  auto record = store::GetRecord(tx, store::SoaEvidenceTable(), evidence_id);
  if (!record || (*record)["org_unit_id"] != org_unit_id) return NotFound();
  return *record;
}

}  // namespace

Result<json> SoaService::AddLink(const Caller& caller, const SoaKey& key, const std::string& ref,
                                 const json& body) {
  static const std::vector<InputField> kFields = {
      {"url", InputType::kText, true, false, 2000},
      {"title", InputType::kText, false, false, 200},
  };
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  std::string url = Trimmed(body["url"].get<std::string>());
  s = CheckEvidenceUrl(url);
  if (!s.ok()) return s.error();
  std::string title = Trimmed(body.value("title", std::string()));
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlWrite);
    if (!target.ok()) return target.error();
    auto control_id = ControlIdByRef(tx, key.framework_id, ref);
    if (!control_id.ok()) return control_id.error();
    json values = EvidenceValues(key, *control_id, "link", title.empty() ? url : title);
    values["url"] = url;
    return store::InsertRecord(tx, store::SoaEvidenceTable(), values);
  });
}

Result<json> SoaService::AddFile(const Caller& caller, const SoaKey& key, const std::string& ref,
                                 const std::string& file_name, const std::string& bytes,
                                 const std::string& title) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto target = ReachSoa(tx, caller, key, Permission::kControlWrite);
    if (!target.ok()) return target.error();
    auto control_id = ControlIdByRef(tx, key.framework_id, ref);
    if (!control_id.ok()) return control_id.error();
    auto type = EvidenceFileType(file_name, bytes, max_evidence_bytes_);
    if (!type.ok()) return type.error();
    if (title.size() > 200) return Invalid("error.field_too_long", "title").With("max", "200");
    Status text = CheckText("title", title, false);
    if (!text.ok()) return text.error();
    std::string shown = Trimmed(title);
    json values = EvidenceValues(key, *control_id, "file", shown.empty() ? file_name : shown);
    values["file_name"] = file_name;
    values["file_type"] = *type;
    values["size"] = static_cast<long long>(bytes.size());
    values["sha256"] = Sha256Hex(bytes);
    return store::InsertRecord(tx, store::SoaEvidenceTable(), values,
                               {{"content", store::Value(Base64Encode(bytes))}});
  });
}

Result<EvidenceFile> SoaService::File(const Caller& caller, long long org_unit_id,
                                      long long evidence_id) {
  return db_.ReadResult<EvidenceFile>([&](Tx& tx) -> Result<EvidenceFile> {
    auto org = ReachOrganisation(tx, caller, org_unit_id, Permission::kControlRead);
    if (!org.ok()) return org.error();
    auto record = EvidenceOf(tx, org_unit_id, evidence_id);
    if (!record.ok()) return record.error();
    auto content = store::EvidenceContent(tx, evidence_id);
    if (!content) return NotFound();
    auto bytes = Base64Decode(*content);
    if (!bytes) return MakeError(Code::kInternal, "error.internal");
    return EvidenceFile{(*record)["file_name"].get<std::string>(), std::move(*bytes)};
  });
}

Status SoaService::DeleteEvidence(const Caller& caller, long long org_unit_id,
                                  long long evidence_id, std::optional<long long> version) {
  return db_.Write(caller.ToActor(), [&](Tx& tx) -> Status {
    auto org = ReachOrganisation(tx, caller, org_unit_id, Permission::kControlWrite);
    if (!org.ok()) return org.error();
    auto record = EvidenceOf(tx, org_unit_id, evidence_id);
    if (!record.ok()) return record.error();
    if (!version) return Invalid("error.version_required", "version");
    return store::DeleteRecord(tx, store::SoaEvidenceTable(), evidence_id, *version).status();
  });
}

}  // namespace lis::service
