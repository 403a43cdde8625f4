# Sourced by the wrk benchmarks (bench/wrk-*.sh): checks for build/lis (LIS_BINARY), wrk and
# curl, makes the temporary directory $dir, and stops the server and removes $dir on exit.
#   serve_database DB   serves DB on a free loopback port until it answers /healthz; sets $url
#   stop_server         stops it
lis=${LIS_BINARY:-build/lis}
[[ -x $lis ]] || { echo "$lis not found: run make build" >&2; exit 1; }
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool missing: run scripts/install-deps --test" >&2; exit 1; }
done

dir=$(mktemp -d /tmp/lis-bench.XXXXXX)
server=""
stop_server() {
  if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" || true; fi
  server=""
}
trap 'stop_server; rm -rf "$dir"' EXIT

serve_database() {
  local port i
  port=$(scripts/free-port)
  url="http://127.0.0.1:$port"
  "$lis" serve --database "$1" --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  server=$!
  for ((i = 0; ; i++)); do
    curl -fsS --max-time 2 -o /dev/null "$url/healthz" 2>/dev/null && break
    if ((i == 300)) || ! kill -0 "$server" 2>/dev/null; then
      echo "lis serve did not come up:" >&2; cat "$dir/server.log" >&2; exit 1
    fi
    sleep 0.2
  done
}
