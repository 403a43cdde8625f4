#include "service/assets/asset_import.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "core/messages.h"
#include "domain/assets/system_record.h"
#include "service/assets/asset_access.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

bool ImportReport::Forbidden() const {
  for (const auto& p : problems)
    if (p.error.code == Code::kForbidden) return true;
  return false;
}

namespace {

// ---- Columns ----

struct ColumnSpec {
  std::string field;               // the service's field name (or "motivations.<aspect>")
  std::vector<std::string> names;  // accepted headers, folded (Swedish first)
  bool required = false;
};

const std::vector<ColumnSpec>& SetColumns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"name", {"namn", "name"}, true},
      {"org_unit_id", {"organisationsenhet", "org unit", "enhet", "org unit id"}, true},
      {"description", {"beskrivning", "description"}},
      {"personal_data", {"personuppgifter", "personal data"}},
      {"secrecy", {"sekretess", "secrecy"}},
      {"retention", {"gallring", "retention"}},
      {"system_ids", {"system", "systems", "system ids"}},
      {"confidentiality", {"konfidentialitet", "confidentiality"}},
      {"integrity", {"riktighet", "integrity"}},
      {"availability", {"tillgänglighet", "availability"}},
      {"traceability", {"spårbarhet", "traceability"}},
      {"motivations.confidentiality",
       {"motivering konfidentialitet", "motivation confidentiality", "confidentiality motivation"}},
      {"motivations.integrity",
       {"motivering riktighet", "motivation integrity", "integrity motivation"}},
      {"motivations.availability",
       {"motivering tillgänglighet", "motivation availability", "availability motivation"}},
      {"motivations.traceability",
       {"motivering spårbarhet", "motivation traceability", "traceability motivation"}},
  };
  return kColumns;
}

// Trimmed, lower case (ASCII and the Latin-1 letters such as Å, Ä, Ö), '_' read as a space
// and runs of spaces as one: how headers, names and choices are compared.
std::string Fold(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '_' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == 0xC3 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      out += static_cast<char>(c);
      out += static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
      ++i;
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// The columns of a declared type: its fields with file headers, each accepting its Swedish
// and English header, then its further headers.
std::vector<ColumnSpec> DeclaredColumns(const domain::RecordType& type) {
  std::vector<ColumnSpec> out;
  for (const auto& f : type.fields) {
    if (!f.header_sv) continue;
    ColumnSpec c{f.name, {Fold(f.header_sv), Fold(f.header_en)}, f.required};
    for (const char* a : f.header_aliases) c.names.push_back(Fold(a));
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<ColumnSpec>& SystemColumns() {
  static const std::vector<ColumnSpec> kColumns = DeclaredColumns(domain::SystemRecord());
  return kColumns;
}

struct Columns {
  std::map<std::string, size_t> index;        // field -> column
  std::map<std::string, std::string> header;  // field -> header as in the file
};

std::string ExpectedName(const ColumnSpec& c) {
  return c.names[0] + " / " + c.names[1];
}

Columns MapHeader(const tables::Table& table, const std::vector<ColumnSpec>& specs,
                  std::vector<ImportProblem>& problems) {
  Columns cols;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const std::string& raw = table.header[i];
    std::string folded = Fold(raw);
    if (folded.empty()) {
      for (const auto& r : table.rows)
        if (i < r.cells.size() && !Trimmed(r.cells[i]).empty()) {
          problems.push_back({1, std::string("#").append(std::to_string(i + 1)),
                              MakeError(Code::kInvalid, "import.column_no_header")});
          break;
        }
      continue;
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const ColumnSpec& c) {
      return std::find(c.names.begin(), c.names.end(), folded) != c.names.end() ||
             Fold(c.field) == folded;
    });
    if (spec == specs.end() &&
        (folded == "id" || folded == "säkerhetsklass" || folded == "security class"))
      continue;  // what an export adds: read-only, ignored
    if (spec == specs.end()) {
      problems.push_back({1, raw, MakeError(Code::kInvalid, "import.column_unknown")});
    } else if (cols.index.count(spec->field)) {
      problems.push_back({1, raw, MakeError(Code::kInvalid, "import.column_duplicate")});
    } else {
      cols.index[spec->field] = i;
      cols.header[spec->field] = raw;
    }
  }
  for (const auto& c : specs)
    if (c.required && !cols.index.count(c.field))
      problems.push_back({1, ExpectedName(c), MakeError(Code::kInvalid, "import.column_missing")});
  return cols;
}

// ---- Lookups: names or ids of what the caller may read ----

class Lookup {
 public:
  void Add(long long id, const std::string& name) {
    ids_.insert(id);
    names_.emplace(Fold(name), id);
  }
  // The id named by `cell` (digits: an id; else a name), or kInvalid `unknown_key` /
  // "import.ambiguous" with {value}.
  Result<long long> Find(const std::string& cell, const std::string& unknown_key) const {
    bool digits =
        !cell.empty() && cell.size() < 18 &&
        std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && ids_.count(std::stoll(cell))) return std::stoll(cell);
    auto [b, e] = names_.equal_range(Fold(cell));
    if (b == e) return MakeError(Code::kInvalid, unknown_key).With("value", cell);
    if (std::next(b) != e) return MakeError(Code::kInvalid, "import.ambiguous").With("value", cell);
    return b->second;
  }

 private:
  std::set<long long> ids_;
  std::multimap<std::string, long long> names_;
};

Lookup ReadableObjects(Tx& tx, const Caller& caller) {
  store::Filter f;
  FilterReadableObjects(f, caller, "id", "org_unit_id");
  Lookup out;
  for (const auto& r : store::LiveObjectNames(tx, f)) out.Add(r.id, r.name);
  return out;
}

Lookup ReadableSystems(Tx& tx, const Caller& caller) {
  store::Filter f;
  FilterReadableObjects(f, caller, "o.id", "o.org_unit_id");
  Lookup out;
  for (const auto& r : store::LiveSystemNames(tx, f)) out.Add(r.id, r.name);
  return out;
}

// Units the caller may see in the organisation tree or the asset registers.
Lookup VisibleUnits(Tx& tx, const Caller& caller) {
  Lookup out;
  for (const auto& r : store::LiveUnits(tx)) {
    auto path = store::OrgPath(tx, r.id);
    if (domain::Allows(caller.grants, Permission::kOrgRead, path) ||
        domain::Allows(caller.grants, Permission::kAssetRead, path))
      out.Add(r.id, r.name);
  }
  return out;
}

// Folded names of the live records in `table` whose `column` is `owner`.
std::set<std::string> ExistingNames(Tx& tx, const store::TableSpec& table,
                                    const std::string& column, long long owner) {
  std::set<std::string> out;
  for (const auto& name : store::LiveNamesWhere(tx, table, column, owner)) out.insert(Fold(name));
  return out;
}

// ---- Choices: a code, or its Swedish or English label, or a listed synonym ----

std::string Choice(const std::string& cell, const std::string& prefix,
                   const std::vector<std::string>& codes,
                   const std::map<std::string, std::string>& synonyms) {
  std::string folded = Fold(cell);
  auto it = synonyms.find(folded);
  if (it != synonyms.end()) return it->second;
  for (const auto& code : codes) {
    if (folded == Fold(code) || folded == Fold(Messages::Embedded().Text("sv", prefix + code)) ||
        folded == Fold(Messages::Embedded().Text("en", prefix + code)))
      return code;
  }
  return cell;  // the service's check names what is allowed
}

// The code of a declared choice named by `cell`: its code, its word in either language or one
// of its aliases; else `cell` itself, for the service to refuse naming the choices.
std::string DeclaredChoice(const std::string& cell, const domain::FieldDecl& field) {
  std::string folded = Fold(cell);
  for (const auto& c : field.choices) {
    if (folded == Fold(c.value) || folded == Fold(Messages::Embedded().Text("sv", c.label_key)) ||
        folded == Fold(Messages::Embedded().Text("en", c.label_key)))
      return c.value;
    for (const char* alias : c.aliases)
      if (folded == Fold(alias)) return c.value;
  }
  return cell;
}

// The JSON value of a cell for a declared field: a choice as its code, a whole number as a
// number; anything else as the text, for the service to check.
json DeclaredCell(const std::string& cell, const domain::FieldDecl& field) {
  if (field.kind == domain::FieldKind::kChoice) return DeclaredChoice(cell, field);
  if (field.kind == domain::FieldKind::kInt && cell.size() < 18 &&
      cell.find_first_not_of("0123456789") == std::string::npos)
    return std::stoll(cell);
  return cell;
}

// ---- One import ----

struct Prepared {
  long long row = 0;
  json system;                        // systems
  InformationSetService::NewSet set;  // information sets
  std::optional<InformationSetService::Draft> draft;
};

class Importer {
 public:
  Importer(Tx& tx, const Caller& caller, InformationSetService& sets,
           const std::vector<ColumnSpec>& specs, const Columns& cols)
      : tx_(tx), caller_(caller), sets_(sets), specs_(specs), cols_(cols) {}

  std::vector<ImportProblem> problems;
  std::vector<Prepared> prepared;

  void CheckSystems(const tables::Table& table);
  void CheckSets(const tables::Table& table);
  void WriteAll();

 private:
  std::string Cell(const tables::TableRow& row, const std::string& field) const {
    auto it = cols_.index.find(field);
    if (it == cols_.index.end() || it->second >= row.cells.size()) return {};
    return Trimmed(tables::WithoutNeutraliser(Trimmed(row.cells[it->second])));
  }
  std::string ColumnOf(const std::string& field) const {
    auto it = cols_.header.find(field);
    if (it != cols_.header.end()) return it->second;
    for (const auto& c : specs_)
      if (c.field == field) return ExpectedName(c);
    return field;
  }
  void Problem(long long row, const std::string& field, Error e) {
    std::string column = ColumnOf(field);
    if (e.args.count("field")) e.args["field"] = column;
    e.field = field;
    problems.push_back({row, column, std::move(e)});
  }
  void Text(json& body, const tables::TableRow& row, const std::string& field) const {
    std::string v = Cell(row, field);
    if (!v.empty()) body[field] = v;
  }
  bool Duplicate(long long row, const store::TableSpec& table, const std::string& column,
                 long long owner, const std::string& name);
  std::optional<InformationSetService::Draft> Draft(const tables::TableRow& row, bool& failed);
  // The service's create body of a row; names that cannot be resolved are problems.
  json SystemBody(const tables::TableRow& row, const Lookup& objects);
  // The fields of `type` read from the row's cells; references are left to the caller.
  json DeclaredBody(const domain::RecordType& type, const tables::TableRow& row) const;
  json SetBody(const tables::TableRow& row, const Lookup& units, const Lookup& systems);
  Status CheckPlacement(InformationSetService::NewSet& set, bool classify);

  Tx& tx_;
  const Caller& caller_;
  InformationSetService& sets_;
  const std::vector<ColumnSpec>& specs_;
  const Columns& cols_;
  std::map<std::pair<long long, std::string>, long long> seen_;  // (owner, name) -> row
  std::map<long long, std::set<std::string>> existing_;
  std::map<long long, Status> object_checks_;
};

bool Importer::Duplicate(long long row, const store::TableSpec& table, const std::string& column,
                         long long owner, const std::string& name) {
  std::string folded = Fold(name);
  auto [it, fresh] = seen_.emplace(std::make_pair(owner, folded), row);
  if (!fresh) {
    Problem(row, "name",
            MakeError(Code::kInvalid, "import.duplicate_in_file")
                .With("first_row", std::to_string(it->second)));
    return true;
  }
  if (!existing_.count(owner)) existing_[owner] = ExistingNames(tx_, table, column, owner);
  if (existing_[owner].count(folded)) {
    Problem(row, "name", MakeError(Code::kInvalid, "import.duplicate_existing"));
    return true;
  }
  return false;
}

json Importer::DeclaredBody(const domain::RecordType& type, const tables::TableRow& row) const {
  json body = json::object();
  for (const auto& f : type.fields) {
    if (!f.header_sv || f.kind == domain::FieldKind::kReference ||
        f.kind == domain::FieldKind::kReferenceList)
      continue;
    if (std::string v = Cell(row, f.name); !v.empty()) body[f.name] = DeclaredCell(v, f);
  }
  return body;
}

json Importer::SystemBody(const tables::TableRow& row, const Lookup& objects) {
  json body = DeclaredBody(domain::SystemRecord(), row);
  if (body.contains("hosting_country")) {
    std::string country = body["hosting_country"];
    std::transform(country.begin(), country.end(), country.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    body["hosting_country"] = country;
  }
  if (std::string v = Cell(row, "object_id"); !v.empty()) {
    auto id = objects.Find(v, "import.unknown_object");
    if (!id.ok()) Problem(row.number, "object_id", id.error());
    body["object_id"] = id.ok() ? *id : 0;  // 0: the other fields are still checked
  }
  return body;
}

void Importer::CheckSystems(const tables::Table& table) {
  Lookup objects = ReadableObjects(tx_, caller_);
  for (const auto& row : table.rows) {
    size_t before = problems.size();
    auto record = SystemService::NewRecord(SystemBody(row, objects));
    if (!record.ok()) Problem(row.number, record.error().field, record.error());
    if (problems.size() != before) continue;
    long long object = (*record)["object_id"].get<long long>();
    if (!object_checks_.count(object))
      object_checks_[object] = SystemService::CheckObject(tx_, caller_, object);
    const Status& may = object_checks_[object];
    if (!may.ok()) {
      Error e = may.error();
      if (e.code == Code::kForbidden) e = MakeError(Code::kForbidden, "import.forbidden_object");
      Problem(row.number, "object_id", e);
      continue;
    }
    if (!Duplicate(row.number, store::SystemTable(), "object_id", object, (*record)["name"]))
      prepared.push_back({row.number, *record, {}, {}});
  }
}

std::optional<InformationSetService::Draft> Importer::Draft(const tables::TableRow& row,
                                                            bool& failed) {
  json body = json::object();
  body["motivations"] = json::object();
  bool any = false;
  for (domain::Aspect a : domain::kAspects) {
    std::string name = domain::AspectName(a);
    std::string level = Cell(row, name), motivation = Cell(row, "motivations." + name);
    any = any || !level.empty() || !motivation.empty();
    bool digits =
        !level.empty() && level.size() < 6 &&
        std::all_of(level.begin(), level.end(), [](char c) { return c >= '0' && c <= '9'; });
    body[name] = digits ? std::stoll(level) : -1;
    if (!motivation.empty()) body["motivations"][name] = motivation;
  }
  if (!any) return std::nullopt;
  auto draft = sets_.CheckDraft(body);
  if (draft.ok()) return *draft;
  Problem(row.number, draft.error().field, draft.error());
  failed = true;
  return std::nullopt;
}

json Importer::SetBody(const tables::TableRow& row, const Lookup& units, const Lookup& systems) {
  static const std::map<std::string, std::string> kPersonalData = {
      {"inga", "none"},        {"nej", "none"},
      {"no", "none"},          {"vanliga", "ordinary"},
      {"ja", "ordinary"},      {"yes", "ordinary"},
      {"känsliga", "special"}, {"lagöverträdelser", "criminal"}};
  json body = json::object();
  for (const char* f : {"name", "description", "secrecy", "retention"}) Text(body, row, f);
  if (std::string v = Cell(row, "personal_data"); !v.empty())
    body["personal_data"] = Choice(v, "assets.personal_data.",
                                   {"none", "ordinary", "special", "criminal"}, kPersonalData);
  if (std::string v = Cell(row, "org_unit_id"); !v.empty()) {
    auto id = units.Find(v, "import.unknown_org_unit");
    if (id.ok())
      body["org_unit_id"] = *id;
    else
      Problem(row.number, "org_unit_id", id.error());
  }
  body["system_ids"] = json::array();
  std::string list = Cell(row, "system_ids");
  std::replace(list.begin(), list.end(), '|', ';');
  for (size_t pos = 0; pos < list.size();) {
    size_t end = std::min(list.find(';', pos), list.size());
    std::string item = Trimmed(list.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) continue;
    auto id = systems.Find(item, "import.unknown_system");
    if (id.ok())
      body["system_ids"].push_back(*id);
    else
      Problem(row.number, "system_ids", id.error());
  }
  return body;
}

// The service's checks of a new set (and, with a draft, that the caller may classify it).
Status Importer::CheckPlacement(InformationSetService::NewSet& set, bool classify) {
  Status checked = sets_.CheckNew(tx_, caller_, set);
  if (checked.ok() && classify &&
      !CanOnNewSet(tx_, caller_, Permission::kClassify, set.record["org_unit_id"],
                   set.system_ids.get<std::vector<long long>>()))
    return MakeError(Code::kForbidden, "import.forbidden_classify");
  if (!checked.ok() && checked.error().message_key == "error.forbidden")
    return MakeError(Code::kForbidden, "import.forbidden_set");
  return checked;
}

void Importer::CheckSets(const tables::Table& table) {
  Lookup units = VisibleUnits(tx_, caller_);
  Lookup systems = ReadableSystems(tx_, caller_);
  for (const auto& row : table.rows) {
    size_t before = problems.size();
    json body = SetBody(row, units, systems);
    bool draft_failed = false;
    auto draft = Draft(row, draft_failed);
    if (problems.size() != before && !body.contains("org_unit_id")) {
      // The unit is unknown: of the rest, only a missing name is worth saying.
      if (!body.contains("name"))
        Problem(row.number, "name", Invalid("error.field_missing", "name"));
      continue;
    }
    auto set = InformationSetService::NewRecord(body);
    if (!set.ok()) {
      Problem(row.number, set.error().field, set.error());
      continue;
    }
    Status checked = CheckPlacement(*set, draft.has_value());
    if (!checked.ok()) {
      const Error& e = checked.error();
      Problem(row.number, e.field.empty() ? "org_unit_id" : e.field, e);
      continue;
    }
    long long unit = set->record["org_unit_id"].get<long long>();
    if (!Duplicate(row.number, store::InformationSetTable(), "org_unit_id", unit,
                   set->record["name"]) &&
        problems.size() == before && !draft_failed)
      prepared.push_back({row.number, {}, *set, draft});
  }
}

void Importer::WriteAll() {
  for (const auto& p : prepared) {
    if (!p.system.is_null()) {
      store::InsertRecord(tx_, store::SystemTable(), p.system);
      continue;
    }
    json created = sets_.InsertNew(tx_, p.set);
    if (p.draft)
      store::InsertRecord(tx_, store::ClassificationTable(),
                          sets_.DraftValues(tx_, caller_, created, *p.draft));
  }
}

}  // namespace

std::string ImportColumnName(ImportKind kind, const std::string& field, const std::string& lang) {
  for (const auto& c : kind == ImportKind::kSystems ? SystemColumns() : SetColumns())
    if (c.field == field) {
      if (lang == "sv") return c.names[0];
      std::string en = c.names[1];
      std::replace(en.begin(), en.end(), ' ', '_');
      return en;
    }
  return field;
}

Result<ImportReport> AssetImportService::Import(const Caller& caller, ImportKind kind,
                                                std::string_view bytes, tables::Format format,
                                                bool dry_run) {
  if (!CanWriteAnyAsset(caller)) return lis::Forbidden();
  auto table = tables::ReadTable(bytes, format, limits_);
  if (table.ok()) return Import(caller, kind, *table, dry_run);
  const Error& e = table.error();
  auto row = e.args.find("row");
  ImportReport report;
  report.unreadable = true;
  report.problems.push_back({row == e.args.end() ? 0 : std::stoll(row->second), "", e});
  return report;
}

Result<ImportReport> AssetImportService::Import(const Caller& caller, ImportKind kind,
                                                const tables::Table& table, bool dry_run) {
  if (!CanWriteAnyAsset(caller)) return lis::Forbidden();
  const auto& specs = kind == ImportKind::kSystems ? SystemColumns() : SetColumns();
  ImportReport report;
  Columns cols = MapHeader(table, specs, report.problems);
  if (!report.problems.empty()) return report;
  auto run = [&](Tx& tx) -> Status {
    Importer importer(tx, caller, sets_, specs, cols);
    if (kind == ImportKind::kSystems)
      importer.CheckSystems(table);
    else
      importer.CheckSets(table);
    report.problems = std::move(importer.problems);
    if (!report.problems.empty()) return {};
    report.created = static_cast<long long>(importer.prepared.size());
    if (!dry_run) importer.WriteAll();
    return {};
  };
  Status s = dry_run ? db_.Read(run) : db_.Write(caller.ToActor("import"), run);
  if (!s.ok()) return s.error();
  if (!dry_run) db_.RefreshStatistics();  // a large import changes what the planner should do
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  return report;
}

}  // namespace lis::service
