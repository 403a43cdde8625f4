// The one way to reach the database. SQLite and PostgreSQL behind a single code path:
// repositories write portable SQL with `?` placeholders and typed result columns.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace lis::store {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter or a result cell: NULL, a 64-bit integer or text.
using Value = std::variant<std::monostate, long long, std::string>;
enum class Col { kInt, kText };

struct Row {
  std::vector<Value> cells;
  bool IsNull(size_t i) const { return cells[i].index() == 0; }
  long long Int(size_t i) const { return IsNull(i) ? 0 : std::get<long long>(cells[i]); }
  std::optional<long long> OptInt(size_t i) const;
  std::string Text(size_t i) const {
    return IsNull(i) ? std::string() : std::get<std::string>(cells[i]);
  }
};

// Who makes the changes of a write transaction; the audit trail records it with each event.
struct Actor {
  std::optional<long long> user_id;  // empty for the command line ("system")
  std::string name = "system";
  std::string address;  // client address, empty for the command line
  std::string comment;  // why, as the user gave it
};

// One open transaction (or, for reads, one leased connection). Valid only inside the callback
// given to Database::Write or Database::Read. SOCI errors propagate as exceptions.
class Tx {
 public:
  Tx(soci::session& session, Dialect dialect, const Actor& actor, bool writable)
      : session_(session), dialect_(dialect), actor_(actor), writable_(writable) {}

  // Runs `sql` (with `?` placeholders) and returns every row, each cell read as `columns` says.
  std::vector<Row> Query(std::string_view sql, const std::vector<Value>& params,
                         const std::vector<Col>& columns);
  std::optional<Row> QueryOne(std::string_view sql, const std::vector<Value>& params,
                              const std::vector<Col>& columns);
  // Runs a statement; returns the number of rows it changed.
  long long Exec(std::string_view sql, const std::vector<Value>& params = {});

  Dialect dialect() const { return dialect_; }
  const Actor& actor() const { return actor_; }
  // The time of this transaction (taken at first use): every record it writes and every
  // audit event it appends carries the same instant, so "as it was at T" is exact.
  const std::string& Now();
  bool writable() const { return writable_; }

 private:
  soci::session& session_;
  Dialect dialect_;
  const Actor& actor_;
  bool writable_;
  std::string now_;
};

class Database {
 public:
  // Opens a pool of `pool_size` connections. `url` is "sqlite:PATH" or "postgresql://...".
  static Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }

  // Runs `fn` in one transaction that commits when fn returns ok and rolls back when it
  // returns an error or throws (the exception propagates). Writers are serialised: per
  // process and by the database's own lock on SQLite, by an advisory lock on PostgreSQL (so
  // that several processes append to one audit chain in order and never deadlock).
  Status Write(const Actor& actor, const std::function<Status(Tx&)>& fn);
  // Runs `fn` on a connection with a consistent read snapshot; it must not write.
  Status Read(const std::function<Status(Tx&)>& fn);
  // Runs `fn` in a write transaction only when `due` holds. `due` is asked first in a read
  // snapshot, so that a check finding nothing to do takes no write lock (background tasks poll
  // often and would otherwise queue every writer behind them), and again under the lock, since
  // another writer may have done it meanwhile. False when it was not due.
  Result<bool> WriteIfDue(const Actor& actor, const std::function<bool(Tx&)>& due,
                          const std::function<Status(Tx&)>& fn);

  template <class T>
  Result<T> WriteResult(const Actor& actor, const std::function<Result<T>(Tx&)>& fn) {
    std::optional<Result<T>> out;
    Status s = Write(actor, [&](Tx& tx) {
      out.emplace(fn(tx));
      return out->status();
    });
    if (!s.ok()) return s.error();
    return std::move(*out);
  }
  template <class T>
  Result<T> ReadResult(const std::function<Result<T>(Tx&)>& fn) {
    std::optional<Result<T>> out;
    Status s = Read([&](Tx& tx) {
      out.emplace(fn(tx));
      return out->status();
    });
    if (!s.ok()) return s.error();
    return std::move(*out);
  }

  // True when a trivial query answers.
  bool Ping();
  // Applies every migration not yet applied; returns how many ran.
  Result<int> Migrate();
  // Gives the query planner fresh statistics of the tables' contents. SQLite has none until
  // asked (without them a large register is sorted through the wrong index): approximate ones
  // (analysis_limit) for every table, which take milliseconds, and exact ones for the
  // information sets, whose partial indexes are weighed right only with them (a tenth of a
  // second at 100,000 sets). A no-op on PostgreSQL, whose autovacuum analyzes. Errors propagate
  // as exceptions.
  void RefreshStatistics();

 private:
  Database(Dialect dialect, int pool_size);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Dialect dialect_;
};

// "postgresql://user:pass@host:port/db?sslmode=require" -> "host=... port=... dbname=..."
// (SOCI's PostgreSQL backend mis-reads URIs). Errors name the part that is wrong.
Result<std::string> PostgresKeywords(std::string_view url);

}  // namespace lis::store
