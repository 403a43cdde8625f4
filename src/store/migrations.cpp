#include "store/migrations.h"

#include "store/assets/derived_cache.h"
#include "store/risk/risk_tables.h"

namespace lis::store {

namespace {

// Columns every table of user data carries (DESIGN.md, Storage).
#define LIS_RECORD_COLUMNS                                                        \
  "version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, " \
  "deleted_at TEXT"

const char* kPlatform = R"SQL(
CREATE TABLE org_units (
  id {{pk}},
  parent_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  org_number TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX org_units_parent ON org_units(parent_id);
CREATE TABLE users (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  active INTEGER NOT NULL,
  language TEXT NOT NULL,
  org_unit_id BIGINT REFERENCES org_units(id),
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX users_org_unit ON users(org_unit_id);
CREATE TABLE credentials (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  password_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE role_assignments (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  scope_id BIGINT REFERENCES org_units(id),
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX role_assignments_user ON role_assignments(user_id);
CREATE INDEX role_assignments_scope ON role_assignments(scope_id);
CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  last_used_at TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE sessions (
  id {{pk}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  address TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE login_failures (
  id {{pk}},
  username TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  address TEXT,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id BIGINT,
  scope_id BIGINT,
  before_json TEXT,
  after_json TEXT,
  comment TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);
CREATE INDEX audit_events_at ON audit_events(at)
)SQL";

const char* kAssets = R"SQL(
CREATE TABLE objects (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX objects_org_unit ON objects(org_unit_id);
CREATE INDEX objects_name ON objects(name);
ALTER TABLE role_assignments ADD COLUMN object_id BIGINT REFERENCES objects(id);
CREATE INDEX role_assignments_object ON role_assignments(object_id);
CREATE TABLE systems (
  id {{pk}},
  object_id BIGINT NOT NULL REFERENCES objects(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  hosting TEXT NOT NULL,
  hosting_country TEXT,
  supplier_name TEXT,
  lifecycle TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX systems_object ON systems(object_id);
CREATE INDEX systems_name ON systems(name);
CREATE TABLE information_sets (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  personal_data TEXT NOT NULL,
  secrecy TEXT,
  retention TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX information_sets_org_unit ON information_sets(org_unit_id);
CREATE INDEX information_sets_name ON information_sets(name);
CREATE TABLE information_set_systems (
  information_set_id BIGINT NOT NULL REFERENCES information_sets(id),
  system_id BIGINT NOT NULL REFERENCES systems(id),
  PRIMARY KEY (information_set_id, system_id)
);
CREATE INDEX information_set_systems_system ON information_set_systems(system_id);
CREATE TABLE classifications (
  id {{pk}},
  information_set_id BIGINT NOT NULL UNIQUE REFERENCES information_sets(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  confidentiality INTEGER NOT NULL,
  integrity INTEGER NOT NULL,
  availability INTEGER NOT NULL,
  traceability INTEGER NOT NULL,
  security_class INTEGER NOT NULL,
  motivations TEXT NOT NULL,
  status TEXT NOT NULL,
  classified_by BIGINT REFERENCES users(id),
  classified_at TEXT NOT NULL,
  approved_by BIGINT REFERENCES users(id),
  approved_at TEXT,
  review_due TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX classifications_class ON classifications(security_class);
CREATE INDEX classifications_review ON classifications(review_due);
CREATE TABLE requirements (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  area TEXT NOT NULL,
  aspect TEXT NOT NULL,
  min_level INTEGER NOT NULL,
  text_sv TEXT NOT NULL,
  text_en TEXT NOT NULL,
  guidance_sv TEXT NOT NULL,
  guidance_en TEXT NOT NULL,
  controls TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE TABLE system_requirements (
  id {{pk}},
  system_id BIGINT NOT NULL REFERENCES systems(id),
  requirement_id BIGINT NOT NULL REFERENCES requirements(id),
  status TEXT NOT NULL,
  how TEXT NOT NULL,
  motivation TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX system_requirements_pair ON system_requirements(system_id, requirement_id)
)SQL";

// Registers (issue 4, item 6): cached derived classes (store/assets/derived_cache.h) and the
// indexes that filter and sort the registers.
const char* kRegisters = R"SQL(
ALTER TABLE information_sets ADD COLUMN derived_class BIGINT;
ALTER TABLE information_sets ADD COLUMN derived_confidentiality BIGINT;
ALTER TABLE information_sets ADD COLUMN derived_integrity BIGINT;
ALTER TABLE information_sets ADD COLUMN derived_availability BIGINT;
ALTER TABLE information_sets ADD COLUMN derived_traceability BIGINT;
ALTER TABLE information_sets ADD COLUMN derived_review_due TEXT;
ALTER TABLE information_sets ADD COLUMN derived_drafts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE information_sets ADD COLUMN derived_personal_data BIGINT NOT NULL DEFAULT 0;
ALTER TABLE systems ADD COLUMN derived_class BIGINT;
ALTER TABLE systems ADD COLUMN derived_confidentiality BIGINT;
ALTER TABLE systems ADD COLUMN derived_integrity BIGINT;
ALTER TABLE systems ADD COLUMN derived_availability BIGINT;
ALTER TABLE systems ADD COLUMN derived_traceability BIGINT;
ALTER TABLE systems ADD COLUMN derived_review_due TEXT;
ALTER TABLE systems ADD COLUMN derived_drafts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE systems ADD COLUMN derived_personal_data BIGINT NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN derived_class BIGINT;
ALTER TABLE objects ADD COLUMN derived_confidentiality BIGINT;
ALTER TABLE objects ADD COLUMN derived_integrity BIGINT;
ALTER TABLE objects ADD COLUMN derived_availability BIGINT;
ALTER TABLE objects ADD COLUMN derived_traceability BIGINT;
ALTER TABLE objects ADD COLUMN derived_review_due TEXT;
ALTER TABLE objects ADD COLUMN derived_drafts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN derived_personal_data BIGINT NOT NULL DEFAULT 0;
CREATE INDEX information_sets_class ON information_sets(derived_class, name, id);
CREATE INDEX information_sets_class_order ON information_sets((COALESCE(derived_class, -1)), name, id);
CREATE INDEX information_sets_review ON information_sets(derived_review_due);
CREATE INDEX information_sets_review_order ON information_sets((COALESCE(derived_review_due, '9999-12-31')), name, id);
CREATE INDEX information_sets_updated ON information_sets(updated_at, id);
CREATE INDEX systems_class ON systems(derived_class, name, id);
CREATE INDEX systems_class_order ON systems((COALESCE(derived_class, -1)), name, id);
CREATE INDEX systems_review ON systems(derived_review_due);
CREATE INDEX systems_review_order ON systems((COALESCE(derived_review_due, '9999-12-31')), name, id);
CREATE INDEX systems_updated ON systems(updated_at, id);
CREATE INDEX objects_class ON objects(derived_class, name, id);
CREATE INDEX objects_class_order ON objects((COALESCE(derived_class, -1)), name, id);
CREATE INDEX objects_review ON objects(derived_review_due);
CREATE INDEX objects_review_order ON objects((COALESCE(derived_review_due, '9999-12-31')), name, id);
CREATE INDEX objects_updated ON objects(updated_at, id)
)SQL";

// Actions (issue 5, item 5): one action list for every area.
const char* kActions = R"SQL(
CREATE TABLE actions (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  due_date TEXT NOT NULL,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  progress_note TEXT NOT NULL,
  origin TEXT NOT NULL,
  origin_id BIGINT,
  origin_ref TEXT,
  completed_at TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX actions_org_unit ON actions(org_unit_id);
CREATE INDEX actions_owner ON actions(owner_id, status);
CREATE INDEX actions_due ON actions(due_date, id);
CREATE INDEX actions_origin ON actions(origin, origin_id, origin_ref);
CREATE INDEX actions_unit_status_due ON actions(org_unit_id, status, due_date, deleted_at);
CREATE INDEX actions_priority_order ON actions((CASE priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END), due_date, id)
)SQL";

// Control frameworks (issue 5, item 3): the library of frameworks and their controls. Themes
// are the framework's data ({"code", "name": {"sv", "en"}} as JSON text); `data_version` is
// the version of the framework's data file, `source` "shipped" or "imported".
const char* kFrameworks = R"SQL(
CREATE TABLE frameworks (
  id {{pk}},
  ref TEXT NOT NULL UNIQUE,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_sv TEXT NOT NULL,
  description_en TEXT NOT NULL,
  data_version BIGINT NOT NULL,
  source TEXT NOT NULL,
  themes TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE TABLE framework_controls (
  id {{pk}},
  framework_id BIGINT NOT NULL REFERENCES frameworks(id),
  ref TEXT NOT NULL,
  theme TEXT NOT NULL,
  title_sv TEXT NOT NULL,
  title_en TEXT NOT NULL,
  description_sv TEXT NOT NULL,
  description_en TEXT NOT NULL,
  sort_order BIGINT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX framework_controls_ref ON framework_controls(framework_id, ref);
CREATE INDEX framework_controls_order ON framework_controls(framework_id, sort_order)
)SQL";

// Statement of applicability (issue 5, item 4), per organisation and framework: one entry per
// control once it is written (a control without one is "not assessed"), evidence (links and
// uploaded files; the file's bytes as base64 text in `content`, never part of the record or
// its audit event) and issued versions (the frozen SoA as JSON).
const char* kSoa = R"SQL(
CREATE TABLE soa_entries (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  framework_id BIGINT NOT NULL REFERENCES frameworks(id),
  control_id BIGINT NOT NULL REFERENCES framework_controls(id),
  applicable INTEGER,
  justification TEXT NOT NULL,
  status TEXT NOT NULL,
  responsible_id BIGINT REFERENCES users(id),
  implementation TEXT NOT NULL,
  last_reviewed TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX soa_entries_control ON soa_entries(org_unit_id, framework_id, control_id);
CREATE TABLE soa_evidence (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  framework_id BIGINT NOT NULL REFERENCES frameworks(id),
  control_id BIGINT NOT NULL REFERENCES framework_controls(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  file_name TEXT,
  file_type TEXT,
  size BIGINT,
  sha256 TEXT,
  content TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX soa_evidence_control ON soa_evidence(org_unit_id, framework_id, control_id);
CREATE TABLE soa_versions (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  framework_id BIGINT NOT NULL REFERENCES frameworks(id),
  number BIGINT NOT NULL,
  issued_on TEXT NOT NULL,
  approved_by BIGINT NOT NULL REFERENCES users(id),
  approved_by_name TEXT NOT NULL,
  note TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX soa_versions_number ON soa_versions(org_unit_id, framework_id, number)
)SQL";

// Incidents (issue 6). An incident belongs to the unit where it happened. Times are UTC
// (core/clock.h); `aspects` is the affected aspects as letters in the order K, R, T, S (e.g.
// "KT"); `severity` 1-4 and `category` (a code of the category data list) are null until
// triage. `triaged_at` is when it first left new/triage, `closed_at` when it was closed;
// `triage_seconds` and `close_seconds` are those minus `created_at`, kept with them, so the
// statistics sum and sort plain integers.
// The breach_* fields hold what IMY's breach notification asks beyond the description: the
// categories and approximate number of data subjects and of records, the likely
// consequences, the measures taken or proposed, and whether (when, how) the data subjects
// were informed (art. 34).
// The timeline is append-only (no update or delete path). `incident_links` ties an incident to
// systems, information sets, risks and actions (kind + target_id). `incident_reports` holds
// per clock kind (gdpr_art33, csl_early_warning, csl_notification, csl_final_report) the
// notification made (`made_at`, `reference`, `recipient`, `late_reason`) or, for
// gdpr_art33, the decision that it is not required (`outcome` 'not_required', `reason`).
// `incident_reviews` is the closing review (one per incident). `notifications` are in-app
// messages to one user; `dedupe_key` makes a notification that must be sent once unique.
const char* kIncidents = R"SQL(
CREATE TABLE incidents (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  system_id BIGINT REFERENCES systems(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  discovered_at TEXT NOT NULL,
  awareness_at TEXT NOT NULL,
  personal_data INTEGER NOT NULL,
  ongoing INTEGER NOT NULL,
  reporter_id BIGINT NOT NULL REFERENCES users(id),
  reporter_contact TEXT NOT NULL,
  reported_via TEXT NOT NULL,
  status TEXT NOT NULL,
  severity BIGINT,
  category TEXT,
  aspects TEXT NOT NULL,
  handler_id BIGINT REFERENCES users(id),
  personal_data_breach INTEGER NOT NULL,
  significant INTEGER NOT NULL,
  triaged_at TEXT,
  closed_at TEXT,
  triage_seconds BIGINT,
  close_seconds BIGINT,
  breach_subjects TEXT NOT NULL,
  breach_records TEXT NOT NULL,
  breach_consequences TEXT NOT NULL,
  breach_measures TEXT NOT NULL,
  breach_subjects_informed TEXT NOT NULL DEFAULT '',
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX incidents_unit_status ON incidents(org_unit_id, status, deleted_at);
CREATE INDEX incidents_reporter ON incidents(reporter_id, created_at);
CREATE INDEX incidents_handler ON incidents(handler_id, status);
CREATE INDEX incidents_created ON incidents(created_at, id);
CREATE INDEX incidents_flags ON incidents(personal_data_breach, significant, status);
CREATE TABLE incident_timeline (
  id {{pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  happened_at TEXT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users(id),
  author_name TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX incident_timeline_incident ON incident_timeline(incident_id, happened_at, id);
CREATE TABLE incident_links (
  id {{pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX incident_links_incident ON incident_links(incident_id, kind);
CREATE INDEX incident_links_target ON incident_links(kind, target_id);
CREATE TABLE incident_reports (
  id {{pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  made_at TEXT NOT NULL,
  reference TEXT NOT NULL,
  recipient TEXT NOT NULL,
  reason TEXT NOT NULL,
  late_reason TEXT NOT NULL,
  decided_by BIGINT NOT NULL REFERENCES users(id),
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX incident_reports_kind ON incident_reports(incident_id, kind);
CREATE TABLE incident_reviews (
  id {{pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  cause TEXT NOT NULL,
  what_worked TEXT NOT NULL,
  to_improve TEXT NOT NULL,
  reviewed_by BIGINT NOT NULL REFERENCES users(id),
  reviewed_at TEXT NOT NULL,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE UNIQUE INDEX incident_reviews_incident ON incident_reviews(incident_id);
CREATE TABLE notifications (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_unit_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  message_key TEXT NOT NULL,
  args TEXT NOT NULL,
  link TEXT NOT NULL,
  dedupe_key TEXT,
  read_at TEXT,
  )SQL" LIS_RECORD_COLUMNS R"SQL(
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, created_at);
CREATE UNIQUE INDEX notifications_dedupe ON notifications(dedupe_key)
)SQL";

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

}  // namespace

// A system's continuity (CON-01): the maximum tolerable outage, the recovery time and point
// objectives in hours, and its continuity plan (domain/assets/system_record.cpp).
constexpr const char* kContinuity = R"sql(
ALTER TABLE systems ADD COLUMN max_outage_hours BIGINT;
ALTER TABLE systems ADD COLUMN recovery_time_hours BIGINT;
ALTER TABLE systems ADD COLUMN recovery_point_hours BIGINT;
ALTER TABLE systems ADD COLUMN continuity_plan TEXT;
)sql";

// Deviations (issue 28): a deviation closes only on an effective verdict and is rejected only
// with a reason, also for a write that bypasses the service.
const char* kDeviations = R"SQL(
CREATE TABLE deviations (
  id {{pk}},
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  detected_on TEXT NOT NULL,
  reported_by BIGINT REFERENCES users(id),
  source TEXT NOT NULL,
  origin_kind TEXT,
  origin_id BIGINT,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  root_cause TEXT,
  responsible_id BIGINT REFERENCES users(id),
  verification_due TEXT,
  rejection_reason TEXT,
  verdict_effective BIGINT,
  verdict_motivation TEXT,
  verdict_at TEXT,
  verdict_by BIGINT REFERENCES users(id),
  )SQL" LIS_RECORD_COLUMNS R"SQL(,
  CONSTRAINT deviations_closed_effective CHECK (status <> 'closed' OR COALESCE(verdict_effective, 0) = 1),
  CONSTRAINT deviations_rejected_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
);
CREATE INDEX deviations_unit_status ON deviations(org_unit_id, status, deleted_at);
CREATE INDEX deviations_reported_by ON deviations(reported_by, deleted_at);
CREATE INDEX deviations_responsible ON deviations(responsible_id, deleted_at);
CREATE INDEX deviations_detected ON deviations(detected_on, id)
)SQL";

// Exceptions (issue 28): an approved, time-limited departure from a requirement, decided by the
// information owner of its area; a decision needs its decider and motivation and the validity
// may not end before it begins, also for a write that bypasses the service.
const char* kExceptions = R"SQL(
CREATE TABLE exceptions (
  id {{pk}},
  title TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  requirement_code TEXT,
  control_ref TEXT,
  framework_id BIGINT REFERENCES frameworks(id),
  clause TEXT,
  reason TEXT NOT NULL,
  compensating_measures TEXT,
  risk_id BIGINT REFERENCES risks(id),
  requested_by BIGINT REFERENCES users(id),
  ciso_opinion TEXT,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  status TEXT NOT NULL,
  decision_motivation TEXT,
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  revocation_reason TEXT,
  previous_id BIGINT REFERENCES exceptions(id),
  )SQL" LIS_RECORD_COLUMNS R"SQL(,
  CONSTRAINT exceptions_validity CHECK (valid_until >= valid_from),
  CONSTRAINT exceptions_decided CHECK (status IN ('requested') OR (decided_by IS NOT NULL AND decision_motivation IS NOT NULL)),
  CONSTRAINT exceptions_revoked_reason CHECK (status <> 'revoked' OR revocation_reason IS NOT NULL)
);
CREATE INDEX exceptions_unit_status ON exceptions(org_unit_id, status, deleted_at);
CREATE INDEX exceptions_requested_by ON exceptions(requested_by, deleted_at);
CREATE INDEX exceptions_status_until ON exceptions(status, valid_until);
CREATE INDEX exceptions_requirement ON exceptions(requirement_code, status);
CREATE TABLE exception_systems (
  exception_id BIGINT NOT NULL REFERENCES exceptions(id),
  system_id BIGINT NOT NULL REFERENCES systems(id),
  PRIMARY KEY (exception_id, system_id)
);
CREATE INDEX exception_systems_system ON exception_systems(system_id)
)SQL";

// The deviation register sorted by severity (its weight, not its word) reads an index.
const char* kDeviationSeverityIndex = R"SQL(
CREATE INDEX deviations_severity_rank ON deviations((CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END), id)
)SQL";

// How many verdicts a deviation has had: "effective on the first verdict" for the statistics.
const char* kDeviationVerdictCount = R"SQL(
ALTER TABLE deviations ADD COLUMN verdict_count BIGINT NOT NULL DEFAULT 0
)SQL";

// The requirements and framework controls a deviation breaks: lists of the record (so its
// versions hold them), mirrored in link tables for the queries that ask which deviations break a
// requirement or a control.
const char* kDeviationBreaks = R"SQL(
ALTER TABLE deviations ADD COLUMN requirement_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE deviations ADD COLUMN control_ids TEXT NOT NULL DEFAULT '[]';
CREATE TABLE deviation_requirements (
  deviation_id BIGINT NOT NULL REFERENCES deviations(id),
  requirement_id BIGINT NOT NULL REFERENCES requirements(id),
  PRIMARY KEY (deviation_id, requirement_id)
);
CREATE INDEX deviation_requirements_requirement ON deviation_requirements(requirement_id);
CREATE TABLE deviation_controls (
  deviation_id BIGINT NOT NULL REFERENCES deviations(id),
  control_id BIGINT NOT NULL REFERENCES framework_controls(id),
  PRIMARY KEY (deviation_id, control_id)
);
CREATE INDEX deviation_controls_control ON deviation_controls(control_id)
)SQL";

// Search indexes of the deviation and exception registers (store/records/text_search.h): on
// SQLite FTS5 trigram tables over the searchable columns, kept by triggers (a soft delete is an
// update and keeps its row: the list leaves deleted records out itself); on PostgreSQL a pg_trgm
// GIN index on the searchable columns joined by a line break, which ILIKE on that expression
// reads (an expression index has statistics of its own, so the planner judges it well; pg_trgm
// is a trusted extension: the database's owner may create it).
const char* kSearchSqlite = R"SQL(
CREATE VIRTUAL TABLE deviations_search USING fts5(title, description, content='deviations', content_rowid='id', tokenize='trigram');
CREATE TRIGGER deviations_search_insert AFTER INSERT ON deviations BEGIN INSERT INTO deviations_search(rowid, title, description) VALUES (new.id, new.title, new.description); END;
CREATE TRIGGER deviations_search_delete AFTER DELETE ON deviations BEGIN INSERT INTO deviations_search(deviations_search, rowid, title, description) VALUES ('delete', old.id, old.title, old.description); END;
CREATE TRIGGER deviations_search_update AFTER UPDATE OF title, description ON deviations BEGIN INSERT INTO deviations_search(deviations_search, rowid, title, description) VALUES ('delete', old.id, old.title, old.description); INSERT INTO deviations_search(rowid, title, description) VALUES (new.id, new.title, new.description); END;
INSERT INTO deviations_search(deviations_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE exceptions_search USING fts5(title, reason, content='exceptions', content_rowid='id', tokenize='trigram');
CREATE TRIGGER exceptions_search_insert AFTER INSERT ON exceptions BEGIN INSERT INTO exceptions_search(rowid, title, reason) VALUES (new.id, new.title, new.reason); END;
CREATE TRIGGER exceptions_search_delete AFTER DELETE ON exceptions BEGIN INSERT INTO exceptions_search(exceptions_search, rowid, title, reason) VALUES ('delete', old.id, old.title, old.reason); END;
CREATE TRIGGER exceptions_search_update AFTER UPDATE OF title, reason ON exceptions BEGIN INSERT INTO exceptions_search(exceptions_search, rowid, title, reason) VALUES ('delete', old.id, old.title, old.reason); INSERT INTO exceptions_search(rowid, title, reason) VALUES (new.id, new.title, new.reason); END;
INSERT INTO exceptions_search(exceptions_search) VALUES ('rebuild')
)SQL";

const char* kSearchPostgres = R"SQL(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX deviations_search ON deviations USING gin ((title || E'\n' || description) gin_trgm_ops);
CREATE INDEX exceptions_search ON exceptions USING gin ((title || E'\n' || reason) gin_trgm_ops)
)SQL";

// The annual statistics of deviations read every deviation of the caller's units: an index that
// holds every column they read, grouped by unit, so they never read the rows themselves.
const char* kDeviationStatisticsIndex = R"SQL(
CREATE INDEX deviations_statistics ON deviations(org_unit_id, detected_on, status, verdict_at, verdict_count, deleted_at)
)SQL";

// The information sets an exception concerns, besides its systems: a list of the record mirrored
// in a link table, as a deviation's requirements (migration 14).
const char* kExceptionSets = R"SQL(
ALTER TABLE exceptions ADD COLUMN information_set_ids TEXT NOT NULL DEFAULT '[]';
CREATE TABLE exception_information_sets (
  exception_id BIGINT NOT NULL REFERENCES exceptions(id),
  information_set_id BIGINT NOT NULL REFERENCES information_sets(id),
  PRIMARY KEY (exception_id, information_set_id)
);
CREATE INDEX exception_information_sets_set ON exception_information_sets(information_set_id)
)SQL";

// Signed checkpoints of the audit trail (service/audit/audit_checkpoints.h): the head (sequence
// number and hash) at a time, signed with the installation's Ed25519 key kept outside the
// database; one per sequence number.
const char* kAuditCheckpoints = R"SQL(
CREATE TABLE audit_checkpoints (
  seq BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signature TEXT NOT NULL
)
)SQL";

// Failed logins by client address too (issue 29 step 4): the lockout of an address.
const char* kLoginFailureAddress = R"SQL(
ALTER TABLE login_failures ADD COLUMN address TEXT;
CREATE INDEX login_failures_address ON login_failures(address, at)
)SQL";

// The incident register's search of titles from a trigram index, as the deviations' (migration
// 15): the title is the one searchable column.
const char* kIncidentSearchSqlite = R"SQL(
CREATE VIRTUAL TABLE incidents_search USING fts5(title, content='incidents', content_rowid='id', tokenize='trigram');
CREATE TRIGGER incidents_search_insert AFTER INSERT ON incidents BEGIN INSERT INTO incidents_search(rowid, title) VALUES (new.id, new.title); END;
CREATE TRIGGER incidents_search_delete AFTER DELETE ON incidents BEGIN INSERT INTO incidents_search(incidents_search, rowid, title) VALUES ('delete', old.id, old.title); END;
CREATE TRIGGER incidents_search_update AFTER UPDATE OF title ON incidents BEGIN INSERT INTO incidents_search(incidents_search, rowid, title) VALUES ('delete', old.id, old.title); INSERT INTO incidents_search(rowid, title) VALUES (new.id, new.title); END;
INSERT INTO incidents_search(incidents_search) VALUES ('rebuild')
)SQL";

const char* kIncidentSearchPostgres = R"SQL(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX incidents_search ON incidents USING gin (title gin_trgm_ops)
)SQL";

// The systems register counts the live systems of the caller's objects: an index that holds
// both columns counts them without reading the rows. It serves every lookup by object the old
// index served.
const char* kSystemsObjectLive = R"SQL(
CREATE INDEX systems_object_live ON systems(object_id, deleted_at);
DROP INDEX systems_object
)SQL";

// Repeated failed logins and refusals counted per address, route, caller and minute (issue 29
// step 5): a flood of them writes a few audit events a minute, not one per attempt.
const char* kAuditTallies = R"SQL(
CREATE TABLE audit_tallies (
  action TEXT NOT NULL,
  address TEXT NOT NULL,
  route TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  minute TEXT NOT NULL,
  count BIGINT NOT NULL,
  usernames TEXT NOT NULL,
  PRIMARY KEY (action, address, route, user_id, minute)
);
CREATE INDEX audit_tallies_minute ON audit_tallies(minute)
)SQL";

// The information-set register counts the live sets of the caller's units under any of its
// filters from one index that holds every column those filters read, without reading a row (it
// serves every lookup by unit the old index served). The start page lists the classifications
// awaiting approval oldest first by walking an index of the drafts, and counts them, the
// unclassified sets and the reviews due in small indexes of their own. The index by class leaves
// out the unclassified sets, which the first index finds.
const char* kSetIndexes = R"SQL(
CREATE INDEX information_sets_unit_live ON information_sets(org_unit_id, deleted_at,
  derived_class, derived_confidentiality, derived_integrity, derived_availability,
  derived_traceability, derived_personal_data, personal_data, derived_drafts, derived_review_due);
DROP INDEX information_sets_org_unit;
CREATE INDEX information_sets_drafts ON information_sets(org_unit_id, deleted_at, derived_drafts)
  WHERE derived_drafts > 0 AND deleted_at IS NULL;
CREATE INDEX information_sets_unclassified ON information_sets(org_unit_id, deleted_at,
  derived_class) WHERE derived_class IS NULL AND deleted_at IS NULL;
CREATE INDEX information_sets_review_live ON information_sets(derived_review_due, org_unit_id,
  deleted_at) WHERE deleted_at IS NULL;
DROP INDEX information_sets_class;
CREATE INDEX information_sets_class ON information_sets(derived_class, name, id)
  WHERE derived_class IS NOT NULL;
CREATE INDEX classifications_drafts ON classifications(classified_at)
  WHERE status = 'draft' AND deleted_at IS NULL
)SQL";

// The action list counts the actions of the caller's units, and those it owns, each from an index
// holding every column the list's filters read, without reading a row; the caller's own actions
// are also listed by due date straight from the second. The first serves every lookup the index
// it replaces served.
const char* kActionIndexes = R"SQL(
CREATE INDEX actions_unit_live ON actions(org_unit_id, deleted_at, status, due_date, owner_id,
  priority);
CREATE INDEX actions_owner_live ON actions(owner_id, deleted_at, due_date, status, org_unit_id,
  priority);
DROP INDEX actions_org_unit
)SQL";

// The systems register counts the live systems of the caller's objects under any of its filters
// from one index that holds every column those filters read, without reading a row. The narrower
// index of migration 22 stays: an unfiltered count reads less of it, and PostgreSQL's planner
// prefers it for the unfiltered and sorted pages.
const char* kSystemFilterIndex = R"SQL(
CREATE INDEX systems_object_filters ON systems(object_id, deleted_at, derived_class,
  derived_confidentiality, derived_integrity, derived_availability, derived_traceability,
  derived_personal_data, derived_drafts, derived_review_due, lifecycle, hosting)
)SQL";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "platform: organisation, users, roles, sessions, tokens, audit trail", kPlatform},
      {2, "assets: objects, systems, information sets, classification, requirements", kAssets},
      {3, "registers: cached derived classes and register indexes", kRegisters, RebuildDerived},
      {4, "risk: settings, analyses, risks and their links", kRiskSchema},
      {5, "actions: one action list", kActions},
      {6, "frameworks: the control framework library", kFrameworks},
      {7, "soa: statement of applicability, evidence and issued versions", kSoa},
      {8, "incidents: reports, handling, timeline, regulatory reports, reviews, notifications",
       kIncidents},
      {9, "continuity: a system's maximum outage, recovery objectives and plan", kContinuity},
      {10, "deviations: reported, analysed, acted on and verified", kDeviations},
      {11, "exceptions: requested, decided by the information owner, expiring by themselves",
       kExceptions},
      {12, "deviations: an index for the register sorted by severity", kDeviationSeverityIndex},
      {13, "deviations: the number of verdicts, for the statistics", kDeviationVerdictCount},
      {14, "deviations: the requirements and controls a deviation breaks", kDeviationBreaks},
      {.version = 15,
       .name = "search: trigram indexes of the deviation and exception registers",
       .sql = "",
       .sqlite_sql = kSearchSqlite,
       .postgres_sql = kSearchPostgres},
      {16, "deviations: a covering index for the annual statistics", kDeviationStatisticsIndex},
      {17, "exceptions: the information sets an exception concerns", kExceptionSets},
      {18, "audit: signed checkpoints of the trail", kAuditCheckpoints},
      {19, "sign-in: failed logins by client address", kLoginFailureAddress},
      {20, "audit: repeated failed logins and refusals counted per minute", kAuditTallies},
      {.version = 21,
       .name = "search: a trigram index of the incident register's titles",
       .sql = "",
       .sqlite_sql = kIncidentSearchSqlite,
       .postgres_sql = kIncidentSearchPostgres},
      {22, "systems: an index counting the live systems of objects", kSystemsObjectLive},
      {23, "information sets: indexes counting the register and the start page's work",
       kSetIndexes},
      {24, "actions: indexes counting the action list", kActionIndexes},
      {25, "systems: an index counting the register's filters", kSystemFilterIndex},
  };
  return kMigrations;
}

std::vector<std::string> MigrationStatements(const Migration& m, Dialect dialect) {
  std::string own = dialect == Dialect::kSqlite ? m.sqlite_sql : m.postgres_sql;
  std::string sql = m.sql.empty() || own.empty() ? m.sql + own : m.sql + ";\n" + own;
  ReplaceAll(sql, "{{pk}}",
             dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY"
                                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  std::vector<std::string> out;
  size_t start = 0;
  while (start < sql.size()) {
    size_t end = sql.find(";\n", start);
    std::string stmt =
        sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (stmt.find_first_not_of(" \n\t") != std::string::npos) out.push_back(stmt);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

}  // namespace lis::store
