// The statement of applicability (SoA, tillämplighetsförklaring) of an organisation (an org
// node of kind municipality or company) for one framework of the library: one entry per live
// control, its evidence (links and files), the gap view and issued (frozen) versions.
//
// Reading needs kControlRead on the organisation, changing entries and evidence
// kControlWrite, issuing a version kSoaIssue; an organisation outside the caller's scope is
// not found, a refused change forbidden. A node that is not an organisation is kInvalid naming
// "org_unit_id" (a unit has no SoA of its own), an unknown framework kInvalid naming
// "framework_id", an unknown control ref not found.
//
// A SoA document (JSON): org_unit_id, org_unit, framework_id, framework_ref, framework_name_sv,
// framework_name_en, themes [{code, name_sv, name_en}], items: one per control in the
// framework's order with control_ref, control_id, entry_id (null when never written), theme,
// title_sv, title_en, applicable (null: not assessed), justification, status (not_started,
// partly_implemented, implemented), responsible_id, responsible_name, implementation,
// last_reviewed, version (0 when never written), updated_at, evidence [{id, version, kind, title,
// url, file_name, file_type, size, sha256, created_at}]. Localised adds framework_name,
// themes[].name, items[].title and items[].theme_name in the caller's language.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

// The SoA's address: organisation and framework.
struct SoaKey {
  long long org_unit_id = 0;
  long long framework_id = 0;
};

// An evidence file as it is served.
struct EvidenceFile {
  std::string file_name;
  std::string bytes;
};

// The gap view of a SoA document: per theme (in the framework's order) and in total,
// {theme, name_sv, name_en, controls, not_assessed, applicable, not_applicable, implemented,
// partly_implemented, not_started, implemented_percent (implemented of applicable, rounded
// down; null when none is applicable)}.
nlohmann::json SummariseSoa(const nlohmann::json& document);
// `document` with the names of the caller's language added (see above).
nlohmann::json LocalisedSoa(nlohmann::json document, const std::string& language);

class SoaService {
 public:
  SoaService(store::Database& db, size_t max_evidence_bytes)
      : db_(db), max_evidence_bytes_(max_evidence_bytes) {}

  // The organisations whose SoA the caller may read, by name: [{id, name, kind}].
  Result<std::vector<nlohmann::json>> Organisations(const Caller& caller);
  // Whether the caller may change entries and evidence / issue versions of the organisation's
  // SoA (for showing forms; the calls check again).
  bool MayWrite(const Caller& caller, long long org_unit_id);
  // The active users placed in the organisation's subtree, by name ([{id, name}]): whom the
  // edit form offers as responsible. Needs kControlWrite there.
  Result<std::vector<nlohmann::json>> Responsibles(const Caller& caller, long long org_unit_id);
  bool MayIssue(const Caller& caller, long long org_unit_id);

  Result<nlohmann::json> Get(const Caller& caller, const SoaKey& key);
  // {"themes": [...], "total": {...}} (SummariseSoa).
  Result<nlohmann::json> Summary(const Caller& caller, const SoaKey& key);
  // One item of the document with "history" (the entry's audit events, oldest first; empty
  // when never written).
  Result<nlohmann::json> Entry(const Caller& caller, const SoaKey& key, const std::string& ref);
  // Changes entry `ref`: any of applicable (bool or null), justification, status,
  // responsible_id (an active user or null), implementation, last_reviewed (YYYY-MM-DD or
  // null), with "version" (0 for an entry never written) and an optional "comment". A
  // justification is required whenever applicable is decided, yes or no (ISO/IEC 27001 6.1.3
  // d asks for the reasons of inclusions as well as exclusions). Returns the item.
  Result<nlohmann::json> Update(const Caller& caller, const SoaKey& key, const std::string& ref,
                                const nlohmann::json& body);

  // Evidence of entry `ref`: a link {"url", "title"?, "comment"?}, or a file (its name as
  // the browser sent it, checked by EvidenceFileType with max_evidence_bytes). Returns the
  // evidence record (without the bytes).
  Result<nlohmann::json> AddLink(const Caller& caller, const SoaKey& key, const std::string& ref,
                                 const nlohmann::json& body);
  Result<nlohmann::json> AddFile(const Caller& caller, const SoaKey& key, const std::string& ref,
                                 const std::string& file_name, const std::string& bytes,
                                 const std::string& title);
  // The file of live evidence `evidence_id` of the organisation's SoA.
  Result<EvidenceFile> File(const Caller& caller, long long org_unit_id, long long evidence_id);
  // Soft-deletes evidence `evidence_id` if its version is still `version`.
  Status DeleteEvidence(const Caller& caller, long long org_unit_id, long long evidence_id,
                        std::optional<long long> version);

  // Issues (freezes) the current SoA as the next numbered version, approved by the caller,
  // with body {"note"?}. Returns the version with its "soa".
  Result<nlohmann::json> Issue(const Caller& caller, const SoaKey& key, const nlohmann::json& body);
  // The issued versions, newest first (without their snapshot).
  Result<store::Page> Versions(const Caller& caller, const SoaKey& key);
  // Version `number` with "soa", the document as it was issued.
  Result<nlohmann::json> Version(const Caller& caller, const SoaKey& key, long long number);

  size_t max_evidence_bytes() const { return max_evidence_bytes_; }

 private:
  store::Database& db_;
  size_t max_evidence_bytes_;
};

}  // namespace lis::service
