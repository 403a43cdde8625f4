#!/bin/bash
# The audit rows 1,000 failed logins write (issue 29): 1,000 logins with distinct unknown
# usernames, four at a time, from one address against `lis serve` on a fresh demo SQLite
# database; prints the time, the rows written during the flood and after the shutdown (which
# writes the tallies of the last minute), and the rows themselves.
#   bench/audit-flood.sh                                  the default settings
#   bench/audit-flood.sh "lockout_by_address = false"     extra lis.toml lines
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/lis-flood.XXXXXX)
trap 'rm -rf "$dir"' EXIT
port=${PORT:-18931}
printf 'database = "sqlite:%s/lis.db"\n%s\n' "$dir" "${1:-}" >"$dir/lis.toml"
build/lis migrate --database "sqlite:$dir/lis.db" >/dev/null
build/lis demo --database "sqlite:$dir/lis.db" >/dev/null
build/lis serve --config "$dir/lis.toml" --listen "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.1; done
count() { sqlite3 "$dir/lis.db" "SELECT COUNT(*) FROM audit_events"; }
before=$(count)
start=$(date +%s.%N)
seq 1 1000 | xargs -P4 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"flod{}","password":"fel lösenord"}' "http://127.0.0.1:$port/api/v1/session"
end=$(date +%s.%N)
during=$(count)
kill -TERM "$pid"
wait "$pid" || true
after=$(count)
awk -v s="$start" -v e="$end" 'BEGIN { printf "seconds: %.1f\n", e - s }'
echo "rows during the flood: $((during - before)); after the shutdown: $((after - before))"
sqlite3 "$dir/lis.db" "SELECT seq, action, address, after_json FROM audit_events WHERE seq > $before"
