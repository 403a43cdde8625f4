#include "store/controls/soa_tables.h"

namespace lis::store {

const TableSpec& SoaEntryTable() {
  static const TableSpec kSpec = {"soa_entries",
                                  "soa_entry",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"framework_id", FieldType::kInt},
                                   {"control_id", FieldType::kInt},
                                   {"applicable", FieldType::kBool},
                                   {"justification", FieldType::kText},
                                   {"status", FieldType::kText},
                                   {"responsible_id", FieldType::kInt},
                                   {"implementation", FieldType::kText},
                                   {"last_reviewed", FieldType::kText}},
                                  "",
                                  nullptr};
  return kSpec;
}

const TableSpec& SoaEvidenceTable() {
  static const TableSpec kSpec = {"soa_evidence",
                                  "soa_evidence",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"framework_id", FieldType::kInt},
                                   {"control_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"title", FieldType::kText},
                                   {"url", FieldType::kText},
                                   {"file_name", FieldType::kText},
                                   {"file_type", FieldType::kText},
                                   {"size", FieldType::kInt},
                                   {"sha256", FieldType::kText}},
                                  "",
                                  nullptr};
  return kSpec;
}

const TableSpec& SoaVersionTable() {
  static const TableSpec kSpec = {"soa_versions",
                                  "soa_version",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"framework_id", FieldType::kInt},
                                   {"number", FieldType::kInt},
                                   {"issued_on", FieldType::kText},
                                   {"approved_by", FieldType::kInt},
                                   {"approved_by_name", FieldType::kText},
                                   {"note", FieldType::kText},
                                   {"snapshot", FieldType::kText}},
                                  "",
                                  nullptr};
  return kSpec;
}

std::optional<std::string> EvidenceContent(Tx& tx, long long id) {
  auto row = tx.QueryOne(
      "SELECT content FROM soa_evidence WHERE id = ? AND kind = 'file' AND deleted_at IS NULL",
      {Value(id)}, {Col::kText});
  if (!row || row->IsNull(0)) return std::nullopt;
  return row->Text(0);
}

long long LastSoaVersionNumber(Tx& tx, long long org_unit_id, long long framework_id) {
  auto row = tx.QueryOne(
      "SELECT COALESCE(MAX(number), 0) FROM soa_versions WHERE org_unit_id = ? AND framework_id = "
      "?",
      {Value(org_unit_id), Value(framework_id)}, {Col::kInt});
  return row ? row->Int(0) : 0;
}

}  // namespace lis::store
