// Tables and queries of the `assets` area: objects (förvaltningsobjekt), systems, information
// sets, their classification and the protection-requirement catalogue.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/assets/classification.h"
#include "store/records.h"

namespace lis::store {

const TableSpec& ObjectTable();
const TableSpec& SystemTable();
const TableSpec& InformationSetTable();
const TableSpec& ClassificationTable();
const TableSpec& RequirementTable();
const TableSpec& SystemRequirementTable();

// One classified information set as seen from a system or object.
struct ClassifiedSet {
  long long object_id = 0;
  long long system_id = 0;
  std::string system_name;
  long long set_id = 0;
  std::string set_name;
  domain::AspectLevels levels;
};
// Classified, live information sets processed by the live systems of object `object_id`
// (or, with `system_id`, of that system only).
std::vector<ClassifiedSet> ClassifiedSetsOfObject(Tx& tx, long long object_id);
std::vector<ClassifiedSet> ClassifiedSetsOfSystem(Tx& tx, long long system_id);
// For many objects (`by_object`) or systems at once, keyed by object or system id: the one
// classified set behind each that its reason names (the first, in ClassifiedSetsOf* order, at
// the owner's cached security class); ids with nothing classified are absent. One query for a
// register page.
std::map<long long, std::vector<ClassifiedSet>> ReasonSetsByOwner(
    Tx& tx, bool by_object, const std::vector<long long>& ids);

// System ids linked to information set `set_id` (live systems only), ascending.
std::vector<long long> SystemsOfSet(Tx& tx, long long set_id);
// Replaces the links of information set `set_id` with `system_ids` (and refreshes the derived
// classes of the systems that gain or lose it).
void SetSystemsOfSet(Tx& tx, long long set_id, const std::vector<long long>& system_ids);
// Object ids of the systems that process information set `set_id`.
std::vector<long long> ObjectsOfSet(Tx& tx, long long set_id);

}  // namespace lis::store
