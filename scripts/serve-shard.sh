#!/usr/bin/env bash
# Serves one Herald shard (a database directory) read-only over Xapian's
# remote protocol with xapian-tcpsrv, so searchers elsewhere can query it as
# --db tcp://HOST:PORT. Runs in the foreground (for systemd or a terminal).
#
#   scripts/serve-shard.sh /var/lib/herald/db/shard-00 7000 [ADDRESS]
#
# ADDRESS defaults to 127.0.0.1; give the host's private address to serve
# other machines (xapian-tcpsrv has no authentication or encryption: keep it
# on a private network or behind a firewall).
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 SHARD_DIRECTORY PORT [ADDRESS]" >&2
  exit 2
fi
shard=$1 port=$2 address=${3:-127.0.0.1}
if [ ! -f "$shard/iamglass" ]; then
  echo "serve-shard: $shard is not a Xapian (glass) database" >&2
  exit 2
fi
# Idle searcher connections are dropped after 10 minutes; a search that takes
# longer than 60 s is abandoned (the searcher's --timeout is usually shorter).
exec xapian-tcpsrv --interface "$address" --port "$port" --idle-timeout 600000 --active-timeout 60000 --quiet "$shard"
