// The protection-requirement catalogue (skyddskrav) and what it asks of each system.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "core/status.h"
#include "domain/assets/classification.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

class RequirementService {
 public:
  explicit RequirementService(store::Database& db, domain::ClassificationScale scale = {})
      : db_(db), scale_(scale) {}

  // Loads the catalogue shipped in web/catalogue/requirements.json when the database has
  // none yet (audited as the system). Returns how many were loaded.
  static Result<int> LoadShippedCatalogue(store::Database& db);

  // The catalogue, by code; only `aspect`'s requirements and those from `min_level` when given.
  Result<store::Page> List(const Caller& caller, const PageRequest& page,
                           const std::string& aspect = "",
                           std::optional<int> min_level = std::nullopt);

  // Editing the catalogue (requirement_catalogue.cpp): readers of any asset read it; it is
  // the installation's, so only holders of kCatalogueWrite installation-wide or on a group or
  // municipality node change it (MayEdit), not a company's CISO.
  bool MayEdit(const Caller& caller);
  // One requirement (live) by id, with "control_links": its controls resolved against the
  // framework library (service/controls/control_links.h).
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: code, area, aspect, min_level, text_sv, text_en, and optional guidance_sv,
  // guidance_en, controls (list of control references, each naming a live control of the
  // Annex A framework, or error.control_unknown). Codes are unique, also among retired
  // requirements.
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any of the fields of Create.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Retires the requirement (soft delete): it triggers no more; recorded statuses stay.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);
  // The live catalogue in the format of web/catalogue/requirements.json (README):
  // {"version": 1, "requirements": [{"id", "area", "aspect", "min_level", "text": {"sv",
  // "en"}, "guidance": {"sv", "en"}, "controls": [...]}]}, by code.
  Result<nlohmann::json> Export(const Caller& caller);
  // Imports a document in the Export format, all or nothing in one transaction: matched by
  // code, new codes are created, changed ones updated, retired ones restored (with the file's
  // content), unchanged ones left alone
  // (no audit event). A bad document is refused with every problem in Error::details.
  // Returns {"created", "updated", "unchanged"}.
  Result<nlohmann::json> Import(const Caller& caller, const nlohmann::json& document);
  // The requirements that system `system_id`'s classification triggers (its level per aspect
  // is the highest over its classified information sets), each with its status ("open" until
  // someone records one), how it is met, the motivation and "status_version" (the version
  // to name when changing a recorded status; null before one is recorded).
  Result<store::Page> ForSystem(const Caller& caller, long long system_id);
  // Requirement `code` as it applies to system `system_id`, read inside `tx` for `caller`
  // (the action list's requirement_gap origin): the requirement as ForSystem lists it (with
  // "status"), "system" (the system's name) and "org_unit_id" (its object's node). kNotFound
  // when the live system does not exist or the caller may not read it, or (field "code") when
  // there is no such live requirement; kInvalid "error.requirement_not_triggered" (field
  // "code") when the system's classification does not trigger it.
  static Result<nlohmann::json> OfSystem(store::Tx& tx, const Caller& caller, long long system_id,
                                         const std::string& code);
  // Records how system `system_id` meets requirement `code`. Body: status ("open", "met",
  // "partly_met", "not_met", "not_applicable"), how, motivation (required for
  // not_applicable), and "version" once a status has been recorded. Only for requirements the
  // system's classification triggers.
  Result<nlohmann::json> SetStatus(const Caller& caller, long long system_id,
                                   const std::string& code, const nlohmann::json& body);

 private:
  store::Database& db_;
  domain::ClassificationScale scale_;
};

}  // namespace lis::service
