#!/usr/bin/env bash
# Regenerates docs/screenshot.png, the README's picture of the search page:
# indexes the bundled sample (corpus/) and docs/screenshot-articles.jsonl
# (invented articles, 2021-2023, with a bias field) into a temporary
# database, serves it with `herald-searcher --fastcgi` behind nginx on loopback,
# and has headless Chromium photograph the page for a query. Builds
# nothing: it uses the binaries in HERALD_BIN (default build/bin).
#
#   scripts/screenshot.sh [QUERY]        default query: Valdoria
#   HERALD_BIN=DIR OUT=FILE.png scripts/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${HERALD_BIN:-build/bin}
out=${OUT:-docs/screenshot.png}
query=${1:-Valdoria}
chromium=$(command -v chromium || command -v chromium-browser || true)
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$bin/herald-indexer" "$bin/herald-searcher"; do
    [[ -x $tool ]] || { echo "screenshot: $tool is missing; build first (bash scripts/build.sh)" >&2; exit 2; }
done
[[ -n $chromium ]] || { echo "screenshot: chromium is not installed (scripts/install-deps.sh)" >&2; exit 2; }
[[ -x $nginx ]] || { echo "screenshot: nginx is not installed (scripts/install-deps.sh)" >&2; exit 2; }

tmp=$(mktemp -d -t herald-screenshot-XXXXXX)
searcher_pid="" nginx_pid=""
cleanup() {
    [[ -n $nginx_pid ]] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    [[ -n $searcher_pid ]] && kill -TERM "$searcher_pid" 2>/dev/null && wait "$searcher_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for WHAT COMMAND...: up to 15 s
    local what=$1
    shift
    for _ in $(seq 150); do "$@" && return 0; sleep 0.1; done
    echo "screenshot: timed out waiting for $what" >&2
    exit 1
}

"$bin/herald-indexer" --db "$tmp/db" --keyword bias corpus docs/screenshot-articles.jsonl >/dev/null

fcgi_port=$(free_port)
"$bin/herald-searcher" --db "$tmp/db" --fastcgi --listen "127.0.0.1:$fcgi_port" --threads 2 2>"$tmp/searcher.log" &
searcher_pid=$!
wait_for "the searcher" grep -q "serving FastCGI" "$tmp/searcher.log"

http_port=$(free_port)
mkdir -p "$tmp/nginx/temp"
user=""
[[ $(id -u) == 0 ]] && user="user root;"
cat >"$tmp/nginx/nginx.conf" <<EOF
$user
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/temp/body;
  fastcgi_temp_path $tmp/nginx/temp/fastcgi;
  proxy_temp_path $tmp/nginx/temp/proxy;
  uwsgi_temp_path $tmp/nginx/temp/uwsgi;
  scgi_temp_path $tmp/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$http_port;
    location / {
      include /etc/nginx/fastcgi_params;
      fastcgi_pass 127.0.0.1:$fcgi_port;
    }
  }
}
EOF
"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g "daemon off;" &
nginx_pid=$!
wait_for "nginx" python3 -c "import socket; socket.create_connection(('127.0.0.1', $http_port), 1)" 2>/dev/null

url="http://127.0.0.1:$http_port/?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$query")"
case $out in /*) target=$out ;; *) target=$root/$out ;; esac
# --no-sandbox: Chromium will not start its sandbox as root.
timeout 60 "$chromium" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --hide-scrollbars --user-data-dir="$tmp/chromium" --window-size=1200,900 --screenshot="$target" "$url" \
    2>"$tmp/chromium.log" || { cat "$tmp/chromium.log" >&2; exit 1; }
echo "screenshot: $out ($(stat -c %s "$target") bytes) of $url"
