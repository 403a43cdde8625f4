// The derived classification of information sets, systems and objects, kept in cached columns
// (migration 3) so that registers filter and sort on them in SQL. They are not record fields:
// no audit event carries them and they never come from input. Every write that changes an
// input (a classification, a set, a link, a system) refreshes exactly the rows it affects in
// the same transaction: the table specs of classifications, information sets and systems do it
// on every insert, update, delete and restore, and SetSystemsOfSet does it for links.
//
// The columns, on information_sets, systems and objects alike:
//   derived_class                  security class: highest level (NULL while nothing behind
//                                  the row is classified)
//   derived_confidentiality ...    highest level per aspect (NULL likewise)
//   derived_review_due             earliest review date of an approved classification behind
//                                  the row (NULL if none)
//   derived_drafts                 number of draft classifications behind the row
//   derived_personal_data          highest personal-data category behind the row (0 none,
//                                  1 ordinary, 2 special, 3 criminal; unclassified sets count)
// "Behind" a set is its own live classification; behind a system, its live information sets;
// behind an object, its live systems.
#pragma once

#include <vector>

#include "store/database.h"

namespace lis::store {

// Recomputes information set `set_id`, the systems linked to it and their objects.
void RefreshDerivedOfSet(Tx& tx, long long set_id);
// Recomputes the systems `system_ids` and the objects `object_ids` plus those of the systems.
void RefreshDerivedOfSystems(Tx& tx, const std::vector<long long>& system_ids,
                             const std::vector<long long>& object_ids = {});
// Recomputes every row of the three tables (after a bulk load or a migration), in a few
// set-based statements.
void RebuildDerived(Tx& tx);

}  // namespace lis::store
