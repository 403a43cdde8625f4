// Tables of the statement of applicability (SoA): its entries, their evidence and issued
// versions. Every record belongs to the organisation node (`org_unit_id`) whose SoA it is.
#pragma once

#include <optional>
#include <string>

#include "store/records.h"

namespace lis::store {

// soa_entries: org_unit_id, framework_id, control_id, applicable (null: not assessed),
// justification, status, responsible_id, implementation, last_reviewed (YYYY-MM-DD or null).
const TableSpec& SoaEntryTable();
// soa_evidence: org_unit_id, framework_id, control_id, kind ("link" or "file"), title, url,
// file_name, file_type (the allow-listed extension), size, sha256. The bytes of a file are
// the hidden column `content` (base64), read only by EvidenceContent.
const TableSpec& SoaEvidenceTable();
// soa_versions: org_unit_id, framework_id, number, issued_on, approved_by, approved_by_name,
// note, snapshot (JSON text). Written once, never changed.
const TableSpec& SoaVersionTable();

// The base64 content of live file evidence `id`, or nothing.
std::optional<std::string> EvidenceContent(Tx& tx, long long id);
// The highest version number issued for the SoA (0 when none).
long long LastSoaVersionNumber(Tx& tx, long long org_unit_id, long long framework_id);

}  // namespace lis::store
