#!/usr/bin/env bash
# Benchmark, not a test: wrk load on GET /api/v1/me with an API token (auth + session
# lookup + JSON), 2 threads, 32 connections, 10 s. Runs on a fresh temp SQLite database,
# and also on PostgreSQL if LIS_BENCH_PG_URL names an empty database, e.g.
#   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL bench/wrk-me.sh'
# Expects build/lis (make build); needs wrk and curl (scripts/install-deps --test).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wrk-common.sh

json_field() {  # prints field $1 of the JSON object on stdin
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const v = JSON.parse(s)[process.argv[1]];
    if (typeof v !== "string") { console.error("no " + process.argv[1] + " in " + s); process.exit(1); }
    console.log(v); });' "$1"
}

bench_db() {
  local db=$1 url csrf token
  echo "==== wrk GET /api/v1/me on ${db%%:*} ===="
  "$lis" migrate --database "$db" >/dev/null
  printf 'pw-bench-123456\n' | "$lis" user add --username lasttest --name Lasttest \
    --email bench@example.org --role admin --password-stdin --database "$db" >/dev/null
  serve_database "$db"
  csrf=$(curl -fsS -c "$dir/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"lasttest","password":"pw-bench-123456"}' "$url/api/v1/session" | json_field csrf_token)
  token=$(curl -fsS -b "$dir/cookies" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"name":"bench"}' "$url/api/v1/tokens" | json_field token)
  wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "$url/api/v1/me"
  stop_server
}

bench_db "sqlite:$dir/lis.db"
if [[ -n ${LIS_BENCH_PG_URL:-} ]]; then bench_db "$LIS_BENCH_PG_URL"; fi
