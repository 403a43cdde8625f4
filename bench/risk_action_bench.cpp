// Benchmarks of the issue-5 areas at municipal scale, through the service layer, as the CISO of
// the municipality and as the information owner of one förvaltning (Socialförvaltningen):
//   - actions: 100,000 over the demo units (mixed statuses, due dates, owners; origins manual,
//     risk and requirement_gap on the demo systems), list pages of 50 and the start-page counts;
//   - risks: 20,000 in 500 analyses, list pages of 50 and the risk matrix;
//   - the statement of applicability of Norrviks kommun with all 93 ISO/IEC 27001 controls
//     written and three pieces of evidence each (two links, one small file): Get, Summary and
//     the XLSX and PDF exports (ExportSoa of the document Get returns, as the API sends them).
// Every call is timed on its own; p50_ms and p95_ms are the median and 95th percentile.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database (the
// register benchmarks want one of their own, so filter to one family per run):
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench \
//     --benchmark_filter=Issue5'
// LIS_BENCH_SQL='CREATE INDEX ...' runs statements after the fill (to try a candidate index).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_support.h"
#include "domain/risk/risk.h"
#include "http/api/soa_export.h"
#include "service/actions/action_service.h"
#include "service/assets/requirement_service.h"
#include "service/controls/framework_service.h"
#include "service/controls/soa_origin.h"
#include "service/controls/soa_service.h"
#include "service/demo/demo_loader.h"
#include "service/risk/risk_origin.h"
#include "service/risk/risk_service.h"
#include "store/records.h"

namespace {

using namespace lis;
using namespace lis::bench;
using nlohmann::json;
using store::Tx;
using store::Value;

constexpr int kActions = 100000;
constexpr int kAnalyses = 500;
constexpr int kRisksPerAnalysis = 40;  // 20,000 risks
constexpr size_t kMaxEvidenceBytes = 10 * 1024 * 1024;

struct Data {
  std::unique_ptr<store::Database> db;
  std::map<std::string, long long> units;  // demo node name -> id
  std::map<std::string, long long> users;  // demo username -> id
  long long framework_id = 0;              // ISO/IEC 27001:2022
  long long unit_analysis = 0;             // an analysis on Socialförvaltningen
};

// Ids of `sql`'s first column.
std::vector<long long> Ids(Tx& tx, const std::string& sql) {
  std::vector<long long> ids;
  for (const auto& r : tx.Query(sql, {}, {store::Col::kInt})) ids.push_back(r.Int(0));
  return ids;
}

long long MaxId(Tx& tx, const std::string& table) {
  return tx.QueryOne("SELECT COALESCE(MAX(id), 0) FROM " + table, {}, {store::Col::kInt})->Int(0);
}

std::string Stamp(int i) {
  return Day(2026, 1 + i % 10, 1 + i % 28) + "T08:00:00.000000Z";
}

// 500 analyses over the units, 40 risks each: a fifth undecided, the rest reduce, accept,
// avoid or share; residual levels on 60 %; of the accepted ones above the threshold a third
// with a valid decision and a third with an expired one. Returns the risks' ids.
std::vector<long long> FillRisks(Tx& tx, const std::vector<long long>& units,
                                 const std::vector<long long>& users, std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const long long ab = MaxId(tx, "risk_analyses"), rb = MaxId(tx, "risks");
  std::vector<std::vector<Value>> analyses, risks;
  std::vector<long long> ids;
  const char* treatments[] = {nullptr, "reduce", "accept", "avoid", "share"};
  for (int a = 1; a <= kAnalyses; ++a) {
    long long unit = units[a % units.size()];
    analyses.push_back({Value(ab + a), Value(unit), Value("org_unit"), Value(unit),
                        Value("Riskanalys " + std::to_string(a)), Value(Day(2026, 1 + a % 10, 1)),
                        Value("Förvaltningens ledningsgrupp"), Value("Workshop"),
                        Value(a % 3 ? "completed" : "ongoing"), Value(1), Value(Stamp(a)),
                        Value(Stamp(a))});
    for (int k = 0; k < kRisksPerAnalysis; ++k) {
      long long id = rb + static_cast<long long>(a - 1) * kRisksPerAnalysis + k + 1;
      ids.push_back(id);
      int l = 1 + static_cast<int>(pick(4)), c = 1 + static_cast<int>(pick(4));
      const char* treatment = treatments[pick(5)];
      bool residual = pick(10) < 6;
      int rl = residual ? 1 + static_cast<int>(pick(l)) : 0;
      int rc = residual ? 1 + static_cast<int>(pick(c)) : 0;
      size_t decision = treatment && std::string(treatment) == "accept" ? pick(3) : 0;
      Value none;
      risks.push_back({Value(id),
                       Value(ab + a),
                       Value("Risk " + std::to_string(id)),
                       Value("Obehörig åtkomst"),
                       Value("Svag behörighetsstyrning"),
                       Value("[]"),
                       Value("[]"),
                       Value(1),
                       Value(static_cast<int>(pick(2))),
                       Value(1),
                       Value(0),
                       Value(l),
                       Value(c),
                       Value(domain::RiskScore(l, c)),
                       Value(""),
                       treatment ? Value(treatment) : none,
                       Value(""),
                       residual ? Value(rl) : none,
                       residual ? Value(rc) : none,
                       residual ? Value(domain::RiskScore(rl, rc)) : none,
                       pick(5) ? Value(users[pick(users.size())]) : none,
                       decision ? Value(users[0]) : none,
                       decision ? Value(Stamp(k)) : none,
                       decision ? Value("Godtas av informationsägaren") : none,
                       decision == 1   ? Value("2027-06-30")
                       : decision == 2 ? Value("2026-03-31")
                                       : none,
                       none,
                       pick(20) ? none : Value(Stamp(k)),
                       Value(1),
                       Value(Stamp(k)),
                       Value(Stamp(k))});
    }
  }
  BulkInsert(tx, "risk_analyses",
             {"id", "org_unit_id", "scope_kind", "scope_id", "title", "analysis_date",
              "participants", "method", "status", "version", "created_at", "updated_at"},
             analyses);
  BulkInsert(tx, "risks",
             {"id",
              "analysis_id",
              "title",
              "threat",
              "vulnerability",
              "information_set_ids",
              "system_ids",
              "confidentiality",
              "integrity",
              "availability",
              "traceability",
              "likelihood",
              "consequence",
              "score",
              "existing_controls",
              "treatment",
              "planned_actions",
              "residual_likelihood",
              "residual_consequence",
              "residual_score",
              "owner_id",
              "accepted_by",
              "accepted_at",
              "acceptance_motivation",
              "acceptance_valid_until",
              "acceptance_invalidated_at",
              "reassessment_requested_at",
              "version",
              "created_at",
              "updated_at"},
             risks);
  return ids;
}

// 100,000 actions over the units and the demo users: 35 % planned, 25 % in progress, 30 %
// done, 10 % cancelled, due over 2026-2027 (so some open ones overdue); half manual, three
// tenths from a risk, two tenths requirement gaps on the demo systems.
void FillActions(Tx& tx, const std::vector<long long>& units, const std::vector<long long>& users,
                 const std::vector<long long>& risks, std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto systems = Ids(tx, "SELECT id FROM systems ORDER BY id");
  std::vector<std::string> codes;
  for (const auto& r :
       tx.Query("SELECT code FROM requirements ORDER BY id", {}, {store::Col::kText}))
    codes.push_back(r.Text(0));
  const char* statuses[] = {"planned",     "planned",     "planned",     "planned",
                            "planned",     "planned",     "planned",     "in_progress",
                            "in_progress", "in_progress", "in_progress", "in_progress",
                            "done",        "done",        "done",        "done",
                            "done",        "done",        "cancelled",   "cancelled"};
  const char* priorities[] = {"low", "medium", "medium", "high", "critical"};
  std::vector<std::vector<Value>> rows;
  for (int i = 1; i <= kActions; ++i) {
    std::string status = statuses[pick(20)];
    size_t o = pick(10);
    Value none, origin("manual"), origin_id, origin_ref;
    if (o >= 5 && o < 8) {
      origin = Value("risk");
      origin_id = Value(risks[pick(risks.size())]);
    } else if (o >= 8 && !systems.empty() && !codes.empty()) {
      origin = Value("requirement_gap");
      origin_id = Value(systems[pick(systems.size())]);
      origin_ref = Value(codes[pick(codes.size())]);
    }
    rows.push_back({Value(units[pick(units.size())]), Value("Åtgärd " + std::to_string(i)),
                    Value("Beskrivning av åtgärden"), Value(users[pick(users.size())]),
                    Value(Day(2026 + static_cast<int>(pick(2)), 1 + static_cast<int>(pick(12)),
                              1 + static_cast<int>(pick(28)))),
                    Value(priorities[pick(5)]), Value(status), Value(""), origin, origin_id,
                    origin_ref, status == "done" ? Value(Stamp(i)) : none, Value(1),
                    Value(Stamp(i)), Value(Stamp(i * 7))});
  }
  BulkInsert(tx, "actions",
             {"org_unit_id", "title", "description", "owner_id", "due_date", "priority", "status",
              "progress_note", "origin", "origin_id", "origin_ref", "completed_at", "version",
              "created_at", "updated_at"},
             rows);
}

service::Caller Ciso(Data& d) {
  service::Caller c;
  c.user_id = d.users.at("ciso");
  c.username = "ciso";
  c.grants = {{0, "ciso", d.units.at("Norrviks kommun"), std::nullopt}};
  return c;
}

service::Caller CallerOf(Data& d, const std::string& who) {
  if (who == "ciso") return Ciso(d);
  service::Caller c;
  c.user_id = d.users.at("infoagare.sof");
  c.username = "infoagare.sof";
  c.grants = {{0, "information_owner", d.units.at("Socialförvaltningen"), std::nullopt}};
  return c;
}

// All 93 controls of the municipality's SoA written through the service as the CISO, each
// with two links and one small text file.
void FillSoa(Data& d) {
  service::SoaService soa(*d.db, kMaxEvidenceBytes);
  service::SoaKey key{d.units.at("Norrviks kommun"), d.framework_id};
  auto caller = Ciso(d);
  std::vector<std::string> refs;
  d.db->Read([&](Tx& tx) {
    for (const auto& r :
         tx.Query("SELECT ref FROM framework_controls WHERE framework_id = ? AND deleted_at IS "
                  "NULL ORDER BY sort_order",
                  {Value(d.framework_id)}, {store::Col::kText}))
      refs.push_back(r.Text(0));
    return Status();
  });
  const char* statuses[] = {"implemented", "partly_implemented", "not_started"};
  const std::string file(2000, 'x');
  for (size_t i = 0; i < refs.size(); ++i) {
    const auto& ref = refs[i];
    json body = {{"applicable", i % 10 != 0},
                 {"justification", "Krävs enligt riskanalysen och lagkrav"},
                 {"status", statuses[i % 3]},
                 {"responsible_id", caller.user_id},
                 {"implementation", "Rutin beslutad av kommundirektören, se bilaga."},
                 {"last_reviewed", "2026-05-01"},
                 {"version", 0}};
    bool ok = soa.Update(caller, key, ref, body).ok();
    for (int k = 1; k <= 2 && ok; ++k)
      ok = soa.AddLink(caller, key, ref,
                       {{"url", "https://intranat.norrvik.se/styrdokument/" + ref + "/" +
                                    std::to_string(k)},
                        {"title", "Styrdokument " + std::to_string(k)}})
               .ok();
    if (ok) ok = soa.AddFile(caller, key, ref, "bevis-" + ref + ".txt", file, "Protokoll").ok();
    if (!ok) {
      std::fprintf(stderr, "issue-5 bench: writing SoA entry %s failed\n", ref.c_str());
      std::abort();
    }
  }
}

// The demo organisation with the shipped frameworks and requirement catalogue, then the
// analyses, risks and actions in one transaction, then the SoA.
void Fill(Data& d) {
  if (!service::LoadDemo(*d.db).ok() || !service::FrameworkService::LoadShipped(*d.db).ok() ||
      !service::RequirementService::LoadShippedCatalogue(*d.db).ok()) {
    std::fprintf(stderr, "issue-5 bench: the database is not empty\n");
    std::abort();
  }
  d.db->Write(store::Actor(), [&](Tx& tx) {
    DemoIds ids = ReadDemoIds(tx);
    d.units = ids.units;
    const std::vector<long long>& units = ids.leaf_units;
    d.users = ids.users;
    const std::vector<long long>& users = ids.user_ids;
    d.framework_id = tx.QueryOne("SELECT id FROM frameworks WHERE ref = ?",
                                 {Value("iso27001-2022")}, {store::Col::kInt})
                         ->Int(0);
    std::mt19937 rng(42);
    auto risks = FillRisks(tx, units, users, rng);
    FillActions(tx, units, users, risks, rng);
    d.unit_analysis = tx.QueryOne("SELECT MAX(id) FROM risk_analyses WHERE org_unit_id = ?",
                                  {Value(d.units.at("Socialförvaltningen"))}, {store::Col::kInt})
                          ->Int(0);
    return Status();
  });
  FillSoa(d);
  // LIS_BENCH_SQL: statements (";"-separated) run after the fill, e.g. a candidate index.
  std::string extra = std::getenv("LIS_BENCH_SQL") ? std::getenv("LIS_BENCH_SQL") : "";
  d.db->Write(store::Actor(), [&](Tx& tx) {
    for (size_t start = 0; start < extra.size();) {
      size_t end = std::min(extra.find(';', start), extra.size());
      if (extra.find_first_not_of(" \n", start) < end) tx.Exec(extra.substr(start, end - start));
      start = end + 1;
    }
    return Status();
  });
  if (d.db->dialect() == store::Dialect::kPostgres) VacuumPostgres();
}

// The filled database of `which` ("sqlite" or "postgresql"), made on first use.
Data& DataOf(const std::string& which) {
  static std::map<std::string, Data> all;
  auto it = all.find(which);
  if (it != all.end()) return it->second;
  Data& d = all[which];
  d.db = bench::OpenBenchDatabase(which, "issue5");
  auto t0 = std::chrono::steady_clock::now();
  Fill(d);
  std::fprintf(stderr, "issue-5 bench: %s filled in %.1f s\n", which.c_str(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  d.db->RefreshStatistics();  // as `lis serve` does when it starts
  return d;
}

// Parameters naming a node or "the unit's analysis" are replaced by ids.
Params Resolved(Data& d, Params params) {
  if (params.count("org_unit_id"))
    params["org_unit_id"] = std::to_string(d.units.at(params["org_unit_id"]));
  if (params.count("analysis_id")) params["analysis_id"] = std::to_string(d.unit_analysis);
  return params;
}

void ActionListCase(benchmark::State& state, const std::string& which, const std::string& who,
                    const Params& raw) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  Params params = Resolved(d, raw);
  service::ActionService actions(*d.db);
  service::RegisterRiskOrigin(actions.origins());
  service::RegisterControlGapOrigin(actions.origins());
  Measure(state, [&]() -> long long {
    auto q = service::ReadActionListQuery(Lookup(params), caller.user_id);
    if (!q.ok()) std::abort();
    q->page = {50, 0};
    auto page = actions.List(caller, *q);
    if (!page.ok()) std::abort();
    return page->total;
  });
}

void ActionCountsCase(benchmark::State& state, const std::string& which, const std::string& who) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  service::ActionService actions(*d.db);
  Measure(state, [&]() -> long long {
    auto counts = actions.Counts(caller);
    if (!counts.ok()) std::abort();
    return counts->open;
  });
}

void RiskListCase(benchmark::State& state, const std::string& which, const std::string& who,
                  const Params& raw) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  Params params = Resolved(d, raw);
  service::RiskService risks(*d.db);
  Measure(state, [&]() -> long long {
    auto q = service::ReadRiskListQuery(Lookup(params));
    if (!q.ok()) std::abort();
    q->page = {50, 0};
    auto page = risks.List(caller, *q);
    if (!page.ok()) std::abort();
    return page->total;
  });
}

void RiskMatrixCase(benchmark::State& state, const std::string& which, const std::string& who,
                    bool one_analysis) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  service::RiskService risks(*d.db);
  std::optional<long long> analysis;
  if (one_analysis) analysis = d.unit_analysis;
  Measure(state, [&]() -> long long {
    auto matrix = risks.Matrix(caller, analysis, std::nullopt);
    if (!matrix.ok()) std::abort();
    return (*matrix)["total"].get<long long>();
  });
}

// "get", "summary", "xlsx" or "pdf" (Get, LocalisedSoa and ExportSoa, as the API's export).
void SoaCase(benchmark::State& state, const std::string& which, const std::string& what) {
  Data& d = DataOf(which);
  auto caller = Ciso(d);
  service::SoaService soa(*d.db, kMaxEvidenceBytes);
  service::SoaKey key{d.units.at("Norrviks kommun"), d.framework_id};
  Measure(state, [&]() -> long long {
    if (what == "summary") {
      auto summary = soa.Summary(caller, key);
      if (!summary.ok()) std::abort();
      return (*summary)["total"]["applicable"].get<long long>();
    }
    auto document = soa.Get(caller, key);
    if (!document.ok()) std::abort();
    if (what == "get") return static_cast<long long>((*document)["items"].size());
    auto file = http::ExportSoa(service::LocalisedSoa(*document, "sv"), json(nullptr), what, "sv");
    if (!file.ok()) std::abort();
    return static_cast<long long>(file->bytes.size());
  });
}

struct ListCase {
  std::string name;
  Params params;
};

const std::vector<ListCase>& ActionCases() {
  static const std::vector<ListCase> kCases = {
      {"page1", {}},
      {"open_overdue", {{"status", "open"}, {"overdue", "true"}}},
      {"mine", {{"owner_id", "me"}}},
      {"unit_subtree", {{"org_unit_id", "Socialförvaltningen"}}},
      {"sort_priority_desc", {{"sort", "-priority"}}},
  };
  return kCases;
}

const std::vector<ListCase>& RiskCases() {
  static const std::vector<ListCase> kCases = {
      {"page1", {}},
      {"awaiting_acceptance", {{"state", "awaiting_acceptance"}}},
      {"needs_decision", {{"state", "needs_decision"}}},
      {"one_analysis", {{"analysis_id", "unit"}}},
  };
  return kCases;
}

benchmark::internal::Benchmark* Timed(benchmark::internal::Benchmark* b, int iterations) {
  return b->Unit(benchmark::kMillisecond)->Iterations(iterations);
}

int RegisterAll() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  for (const auto& which : dbs) {
    const std::string prefix = "BM_Issue5/" + which + "/";
    for (const char* who : {"ciso", "unit"}) {
      for (const auto& c : ActionCases())
        Timed(benchmark::RegisterBenchmark((prefix + "actions/" + c.name + "/" + who).c_str(),
                                           [which, c, who](benchmark::State& s) {
                                             ActionListCase(s, which, who, c.params);
                                           }),
              40);
      Timed(benchmark::RegisterBenchmark(
                (prefix + "actions/counts/" + who).c_str(),
                [which, who](benchmark::State& s) { ActionCountsCase(s, which, who); }),
            40);
      for (const auto& c : RiskCases())
        Timed(benchmark::RegisterBenchmark(
                  (prefix + "risks/" + c.name + "/" + who).c_str(),
                  [which, c, who](benchmark::State& s) { RiskListCase(s, which, who, c.params); }),
              40);
      for (bool one : {false, true})
        Timed(benchmark::RegisterBenchmark(
                  (prefix + "risks/matrix_" + (one ? "analysis/" : "scope/") + who).c_str(),
                  [which, who, one](benchmark::State& s) { RiskMatrixCase(s, which, who, one); }),
              40);
    }
    for (const char* what : {"get", "summary", "xlsx", "pdf"})
      Timed(benchmark::RegisterBenchmark(
                (prefix + "soa/" + what + "/ciso").c_str(),
                [which, what](benchmark::State& s) { SoaCase(s, which, what); }),
            20);
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
