#!/usr/bin/env bash
# Benchmark, not a test: wrk on pages of a filled database, signed in as one of its users.
#   bench/wrk-pages.sh DATABASE USERNAME PATH...
# e.g. on the database the register benchmark leaves behind (build/lis_bench
# --benchmark_filter=BM_Register/sqlite):
#   bench/wrk-pages.sh sqlite:/tmp/lis-bench-register/lis.db ciso / /assets/information-sets
# Gives the user a password of its own (a benchmark's database keeps no demo passwords), serves
# the database and runs `wrk -t1 -c2 -d6s --latency` on each path with the user's session
# cookie. Expects build/lis (make build); needs wrk and curl (scripts/install-deps --test).
set -euo pipefail
cd "$(dirname "$0")/.."
(($# >= 3)) || { echo "usage: $0 DATABASE USERNAME PATH..." >&2; exit 2; }
db=$1 user=$2
shift 2
source bench/wrk-common.sh

password=pw-bench-$RANDOM-$RANDOM
printf '%s\n' "$password" | "$lis" user passwd --username "$user" --password-stdin --database "$db" >/dev/null
serve_database "$db"
curl -fsS -c "$dir/cookies" -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"$password\"}" "$url/api/v1/session"
cookie=$(awk '$6 == "lis_session" { print $7 }' "$dir/cookies")
[[ -n $cookie ]] || { echo "no session cookie for $user" >&2; exit 1; }
for path in "$@"; do
  echo "==== wrk GET $path as $user on ${db%%:*} ===="
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: lis_session=$cookie" "$url$path")
  [[ $status == 200 ]] || { echo "GET $path answered $status" >&2; exit 1; }
  wrk -t1 -c2 -d6s --latency -H "Cookie: lis_session=$cookie" "$url$path"
done
