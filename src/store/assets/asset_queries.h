// Queries of the asset services (objects, systems, the protection-requirement catalogue)
// that the generic record functions (store/records.h) do not answer.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/assets/classification.h"
#include "domain/org/roles.h"

#include "store/records.h"

namespace lis::store {

// The live object-role assignments held on object `object_id` by active users, by role and
// name: [{"id", "role", "user_id", "name"}].
nlohmann::json ObjectRoleHolders(Tx& tx, long long object_id);
// The live systems of object `object_id`, and the live role assignments held on it.
long long CountSystemsOfObject(Tx& tx, long long object_id);
long long CountRoleAssignmentsOnObject(Tx& tx, long long object_id);

// Narrows `f` to records whose node (`unit_column`) lies under `scopes` or whose object
// (`id_column`) is one of `objects`; nothing when `scopes` reaches everywhere.
void AndInScopesOrObjects(Filter& f, const domain::PermissionScopes& scopes,
                          const std::string& unit_column, const std::string& id_column,
                          const std::vector<long long>& objects);
// Narrows a list of information sets to those placed under `scopes` or, when `objects` is
// given, processed by a live system of a live object it selects (a condition on objects
// aliased `o`).
void AndSetsPlacedOrProcessed(Filter& f, const domain::PermissionScopes& scopes,
                              const Filter* objects);

// Narrows a list of systems to those of the objects `objects` selects (a condition on objects
// aliased `o`), live objects only unless `deleted_objects`. `walk_order`: written so that the
// planner does not gather the systems object by object but walks the index of the list's order
// and tests each row — the faster plan for a page when many systems match.
void AndSystemsOfObjects(Filter& f, const Filter& objects, bool deleted_objects,
                         bool walk_order = false);
// Narrows a list of systems to one object, lifecycle and hosting (each when given).
void AndSystemFields(Filter& f, std::optional<long long> object_id, const std::string& lifecycle,
                     const std::string& hosting);

// The id of the requirement (live or retired) with `code`, other than `except`.
std::optional<long long> RequirementWithCode(Tx& tx, const std::string& code, long long except);
// The id of the live requirement with `code`.
std::optional<long long> LiveRequirementWithCode(Tx& tx, const std::string& code);
// Narrows a list of requirements to an aspect and a minimum level (each when given).
void AndRequirementFields(Filter& f, const std::string& aspect, std::optional<int> min_level);
// Narrows a list of requirement statuses to system `system_id`.
void AndStatusesOfSystem(Filter& f, long long system_id);
// The status recorded for requirement `requirement_id` of system `system_id` (live), and the
// id of its record, live or deleted.
std::optional<std::string> RequirementStatus(Tx& tx, long long system_id, long long requirement_id);
std::optional<long long> RequirementStatusRecord(Tx& tx, long long system_id,
                                                 long long requirement_id);

// The id of the classification of information set `set_id`, live or deleted.
std::optional<long long> ClassificationOfSet(Tx& tx, long long set_id);
// The levels of the live classifications of the sets `set_ids`, by set (unclassified sets
// absent).
std::map<long long, domain::AspectLevels> LevelsOfSets(Tx& tx,
                                                       const std::vector<long long>& set_ids);
// Narrows a list of information sets (on their cached columns): a draft classification behind
// it; nothing classified; a review due before `day`; a review due from `first_day` (when not
// empty) up to and including `last_day`.
void AndSetsWithDrafts(Filter& f);
void AndSetsUnclassified(Filter& f);
void AndSetsReviewBefore(Filter& f, const std::string& day);
void AndSetsReviewWithin(Filter& f, const std::string& first_day, const std::string& last_day);
// Narrows `f` to what `a` or `b` selects.
void AndEither(Filter& f, const Filter& a, const Filter& b);
// Orders of information sets: by when their live classification was made, by review date.
std::string SetsByClassifiedAt();
std::string SetsByReviewDue();
// A page of the ids of the sets `f` admits (on information_sets, named so) that have a draft
// classification, in the order SetsByClassifiedAt: read by walking the index of the drafts by
// their time, so that a page is found within a few rows however many sets wait.
std::vector<long long> DraftSetIdsPage(Tx& tx, const Filter& f, long long limit, long long offset);
// Narrows `f` to the sets `ids` (none when empty).
void AndSetIds(Filter& f, const std::vector<long long>& ids);
// Adds the text column `column` (written by the code) of each listed set's live
// classification to the set, under the same name (null without one).
void AddClassificationText(Tx& tx, Page& page, const std::string& column);
// Narrows a list of information sets to those system `system_id` processes.
void AndSetsOfSystem(Filter& f, long long system_id);

// Counts of live information sets per node they are placed at, among those `readable`
// selects: all, unclassified, with a draft, approved, review due before `today`.
struct SetCountRow {
  long long total = 0, unclassified = 0, draft = 0, approved = 0, review_overdue = 0;
};
std::map<long long, SetCountRow> SetCountsPerUnit(Tx& tx, const Filter& readable,
                                                  const std::string& today);

// The live organisation nodes: id, parent (0 at the top) and name, by name.
struct UnitRow {
  long long id = 0, parent_id = 0;
  std::string name;
};
std::vector<UnitRow> LiveUnits(Tx& tx);

// Ids and names of live records: objects `readable` selects (a condition on objects), systems
// of live objects `readable` selects (on objects aliased `o`).
struct NamedRow {
  long long id = 0;
  std::string name;
};
std::vector<NamedRow> LiveObjectNames(Tx& tx, const Filter& readable);
std::vector<NamedRow> LiveSystemNames(Tx& tx, const Filter& readable);
// The names of the live records of `spec` whose `column` (a column name written by the code)
// is `owner`: the names already taken in one object or unit.
std::vector<std::string> LiveNamesWhere(Tx& tx, const TableSpec& spec, const std::string& column,
                                        long long owner);

}  // namespace lis::store
