#include "store/database.h"

#include <soci/connection-pool.h>
#include <soci/into.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/session.h>
#include <soci/soci-backend.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <soci/statement.h>
#include <soci/use.h>
#include <filesystem>
#include <mutex>

#include "core/clock.h"
#include "store/migrations.h"

namespace lis::store {

std::optional<long long> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return std::get<long long>(cells[i]);
}

namespace {

// "?" placeholders become ":p0", ":p1", ... which SOCI maps to each backend's syntax.
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;
    if (c == '?' && !in_string) {
      out += ":p" + std::to_string(n++);
    } else {
      out += c;
    }
  }
  return out;
}

// Owns the storage that SOCI binds by reference until the statement is done.
struct Bindings {
  explicit Bindings(const std::vector<Value>& params)
      : ints(params.size()), texts(params.size()), inds(params.size()) {}
  std::vector<long long> ints;
  std::vector<std::string> texts;
  std::vector<soci::indicator> inds;

  void Bind(soci::statement& st, const std::vector<Value>& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      std::string name = "p" + std::to_string(i);
      if (v.index() == 1) {
        ints[i] = std::get<long long>(v);
        inds[i] = soci::i_ok;
        st.exchange(soci::use(ints[i], inds[i], name));
      } else {
        texts[i] = v.index() == 2 ? std::get<std::string>(v) : std::string();
        inds[i] = v.index() == 0 ? soci::i_null : soci::i_ok;
        st.exchange(soci::use(texts[i], inds[i], name));
      }
    }
  }
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Quotes a libpq keyword value.
std::string QuoteKeyword(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

Error UrlError(const std::string& detail) {
  return MakeError(Code::kInvalid, "error.database_url")
      .With("detail", detail)
      .WithField("database");
}

}  // namespace

std::vector<Row> Tx::Query(std::string_view sql, const std::vector<Value>& params,
                           const std::vector<Col>& columns) {
  soci::statement st(session_);
  std::vector<long long> ints(columns.size());
  std::vector<std::string> texts(columns.size());
  std::vector<soci::indicator> inds(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == Col::kInt)
      st.exchange(soci::into(ints[i], inds[i]));
    else
      st.exchange(soci::into(texts[i], inds[i]));
  }
  Bindings b(params);
  b.Bind(st, params);
  st.alloc();
  st.prepare(NumberPlaceholders(sql), soci::details::st_one_time_query);
  st.define_and_bind();
  std::vector<Row> rows;
  if (!st.execute(true)) return rows;
  do {
    Row row;
    row.cells.reserve(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      if (inds[i] == soci::i_null)
        row.cells.emplace_back(std::monostate{});
      else if (columns[i] == Col::kInt)
        row.cells.emplace_back(ints[i]);
      else
        row.cells.emplace_back(texts[i]);
    }
    rows.push_back(std::move(row));
  } while (st.fetch());
  return rows;
}

std::optional<Row> Tx::QueryOne(std::string_view sql, const std::vector<Value>& params,
                                const std::vector<Col>& columns) {
  auto rows = Query(sql, params, columns);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

const std::string& Tx::Now() {
  if (now_.empty()) now_ = NowText();
  return now_;
}

long long Tx::Exec(std::string_view sql, const std::vector<Value>& params) {
  soci::statement st(session_);
  Bindings b(params);
  b.Bind(st, params);
  st.alloc();
  st.prepare(NumberPlaceholders(sql), soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

namespace {
// Runs `fn` in the transaction begun on `sql` and ends it: COMMIT when fn returns ok,
// ROLLBACK when it returns an error or throws (the exception propagates).
Status RunAndEnd(soci::session& sql, Tx& tx, const std::function<Status(Tx&)>& fn) {
  Status s;
  try {
    s = fn(tx);
  } catch (...) {
    try {
      sql << "ROLLBACK";
    } catch (...) {
    }
    throw;
  }
  sql << (s.ok() ? "COMMIT" : "ROLLBACK");
  return s;
}
}  // namespace

struct Database::Impl {
  explicit Impl(int size) : pool(size), size(size) {}
  soci::connection_pool pool;
  int size;
  std::mutex sqlite_writer;  // one writer at a time in this process
};

Database::Database(Dialect dialect, int pool_size)
    : impl_(std::make_unique<Impl>(pool_size)), dialect_(dialect) {}
Database::~Database() = default;

Result<std::string> PostgresKeywords(std::string_view url) {
  std::string_view rest;
  if (url.rfind("postgresql://", 0) == 0)
    rest = url.substr(13);
  else if (url.rfind("postgres://", 0) == 0)
    rest = url.substr(11);
  else
    return UrlError("expected postgresql://");
  std::string query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::vector<std::pair<std::string, std::string>> kv;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::string_view user = userinfo, pass;
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      pass = userinfo.substr(colon + 1);
    }
    auto u = PercentDecode(user);
    auto p = PercentDecode(pass);
    if (!u || !p) return UrlError("bad percent-encoding in user or password");
    if (!u->empty()) kv.emplace_back("user", *u);
    if (!p->empty()) kv.emplace_back("password", *p);
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return UrlError("unclosed [ in host");
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!host.empty()) kv.emplace_back("host", std::string(host));
  if (!port.empty()) {
    for (char c : port)
      if (c < '0' || c > '9') return UrlError("port must be a number");
    kv.emplace_back("port", std::string(port));
  }
  auto db = PercentDecode(path);
  if (!db) return UrlError("bad percent-encoding in database name");
  if (!db->empty()) kv.emplace_back("dbname", *db);
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    std::string pair =
        query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    start = amp == std::string::npos ? query.size() : amp + 1;
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string::npos) return UrlError("query parameter without value: " + pair);
    auto k = PercentDecode(pair.substr(0, eq));
    auto v = PercentDecode(pair.substr(eq + 1));
    if (!k || !v) return UrlError("bad percent-encoding in query");
    kv.emplace_back(*k, *v);
  }
  std::string out;
  for (auto& [k, v] : kv) {
    if (!out.empty()) out += ' ';
    out += k + "=" + QuoteKeyword(v);
  }
  return out;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, int pool_size) {
  Dialect dialect;
  std::string connect;
  if (url.rfind("sqlite:", 0) == 0) {
    dialect = Dialect::kSqlite;
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) return UrlError("sqlite: needs a file path");
    std::filesystem::path p(path);
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    connect = "db=\"" + path + "\" timeout=30";
  } else if (url.rfind("postgres", 0) == 0) {
    dialect = Dialect::kPostgres;
    auto kw = PostgresKeywords(url);
    if (!kw.ok()) return kw.error();
    connect = *kw;
  } else {
    return UrlError("expected sqlite:PATH or postgresql://...");
  }
  std::unique_ptr<Database> db(new Database(dialect, pool_size));
  try {
    for (int i = 0; i < pool_size; ++i) {
      soci::session& s = db->impl_->pool.at(i);
      if (dialect == Dialect::kSqlite) {
        s.open(soci::sqlite3, connect);
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=30000";
        s << "PRAGMA synchronous=NORMAL";
      } else {
        s.open(soci::postgresql, connect);
        s << "SET client_min_messages TO WARNING";
      }
    }
  } catch (const std::exception& e) {
    return MakeError(Code::kUnavailable, "error.database_open").With("detail", e.what());
  }
  return db;
}

Status Database::Write(const Actor& actor, const std::function<Status(Tx&)>& fn) {
  std::unique_lock<std::mutex> writer(impl_->sqlite_writer, std::defer_lock);
  if (dialect_ == Dialect::kSqlite) writer.lock();
  soci::session sql(impl_->pool);
  sql << (dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  // Writers take the audit trail's lock before anything else, so that (a) every transaction
  // locks in the same order (no deadlock between row locks and the trail) and (b) the chain's
  // order is also the order of the transactions' times.
  if (dialect_ == Dialect::kPostgres) sql << "SELECT pg_advisory_xact_lock(7305002)";
  Tx tx(sql, dialect_, actor, true);
  return RunAndEnd(sql, tx, fn);
}

Result<bool> Database::WriteIfDue(const Actor& actor, const std::function<bool(Tx&)>& due,
                                  const std::function<Status(Tx&)>& fn) {
  bool now_due = false;
  Status read = Read([&](Tx& tx) -> Status {
    now_due = due(tx);
    return {};
  });
  if (!read.ok()) return read.error();
  if (!now_due) return false;
  Status written = Write(actor, [&](Tx& tx) -> Status {
    now_due = due(tx);
    return now_due ? fn(tx) : Status();
  });
  if (!written.ok()) return written.error();
  return now_due;
}

Status Database::Read(const std::function<Status(Tx&)>& fn) {
  soci::session sql(impl_->pool);
  static const Actor kNobody;
  sql << (dialect_ == Dialect::kSqlite ? "BEGIN"
                                       : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  Tx tx(sql, dialect_, kNobody, false);
  return RunAndEnd(sql, tx, fn);
}

bool Database::Ping() {
  try {
    soci::session sql(impl_->pool);
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    if (one == 1) return true;
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

void Database::RefreshStatistics() {
  if (dialect_ != Dialect::kSqlite) return;  // PostgreSQL's autovacuum keeps its own
  soci::session sql(impl_->pool);
  sql << "PRAGMA analysis_limit=1000";
  sql << "ANALYZE";
  // Exact for the information sets: approximate figures make every index look alike (a
  // thousand rows a value), and the planner then reads the rows through the widest index instead
  // of counting in a small partial one. A whole pass over 100,000 sets takes a tenth of a second.
  sql << "PRAGMA analysis_limit=0";
  sql << "ANALYZE information_sets";
}

Result<int> Database::Migrate() {
  int applied = 0;
  Actor system;
  Status s = Write(system, [&](Tx& tx) -> Status {
    if (dialect_ == Dialect::kPostgres) tx.Exec("SELECT pg_advisory_xact_lock(7305001)");
    tx.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    auto row =
        tx.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, {Col::kInt});
    long long current = row ? row->Int(0) : 0;
    for (const Migration& m : Migrations()) {
      if (m.version <= current) continue;
      for (const std::string& stmt : MigrationStatements(m, dialect_)) tx.Exec(stmt);
      if (m.fill) m.fill(tx);
      tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {Value(m.version), Value(m.name), Value(NowText())});
      ++applied;
    }
    return {};
  });
  if (!s.ok()) return s.error();
  return applied;
}

}  // namespace lis::store
