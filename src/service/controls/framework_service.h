// The control framework library: frameworks (ISO/IEC 27001:2022 Annex A, GDPR art. 32, and
// what the CISO imports) and their controls. Any signed-in user reads the library; changing
// it needs the catalogue permission installation-wide or on a group or municipality node
// (CanWriteCatalogue), as for the requirement catalogue.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "domain/controls/framework_format.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

// What applying a framework document does (or, for a dry run, would do).
struct FrameworkChanges {
  bool framework_created = false;
  bool framework_updated = false;
  int created = 0, updated = 0, unchanged = 0, retired = 0;
  bool any() const {
    return framework_created || framework_updated || created || updated || retired;
  }
  nlohmann::json ToJson() const;
};

// Brings the library's copy of `data` in line with it, inside `tx`: the framework is inserted
// or updated by ref; controls are matched by ref, created, updated (a retired one restored),
// left alone when unchanged (no audit event) and those the document no longer names are
// retired (soft-deleted, so references to them stay valid). With `write` false nothing is
// written and the changes are only counted. `source` is stored for a new framework; an
// existing one keeps its source unless `source` is "imported" and something changed.
FrameworkChanges ApplyFramework(store::Tx& tx, const domain::FrameworkData& data,
                                const std::string& source, bool write);

class FrameworkService {
 public:
  explicit FrameworkService(store::Database& db) : db_(db) {}

  // Loads the shipped files web/frameworks/*.json (audited as the system): a framework not
  // in the library is inserted; a shipped one whose file has a higher data_version is updated
  // (ApplyFramework). Imported frameworks are left alone. Returns how many were written.
  static Result<int> LoadShipped(store::Database& db);

  // The frameworks by ref: id, ref, name (in the caller's language), name_sv, name_en,
  // description_sv, description_en, data_version, source, themes ([{code, name, name_sv,
  // name_en}]), control_count.
  Result<store::Page> List(const Caller& caller);
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // The live controls of framework `id` in its order: id, ref, theme, title (caller's
  // language), title_sv, title_en, description_sv, description_en, requirements (codes of
  // the live requirements that reference it; Annex A only). `theme` keeps one theme; `q`
  // matches ref and titles (case-insensitive for ASCII). One `page` of them, with the total.
  Result<store::Page> Controls(const Caller& caller, long long id, const std::string& theme,
                               const std::string& q, const PageRequest& page = {500, 0});

  bool MayEdit(const Caller& caller);
  // Imports a framework document (README, "Framework format") all or nothing in one
  // transaction, by ref; with `dry_run` only checks it and counts. A bad document is refused
  // with every problem in Error::details. Returns FrameworkChanges::ToJson plus "id".
  Result<nlohmann::json> Import(const Caller& caller, const nlohmann::json& document, bool dry_run);
  // Framework `id` in the document format (its live controls).
  Result<nlohmann::json> Export(const Caller& caller, long long id);

 private:
  store::Database& db_;
};

}  // namespace lis::service
