#!/usr/bin/env bash
# Serves one Herald shard (a database directory) read-only over Xapian's
# remote protocol with xapian-tcpsrv, so searchers elsewhere can query it as
# --db tcp://HOST:PORT. Runs in the foreground (for systemd or a terminal).
# Installed as herald-serve-shard; its man page is made from --help.
#
#   scripts/serve-shard.sh /var/lib/herald/db/shard-00 7000 [ADDRESS]
set -euo pipefail
program=$(basename "$0")

print_help() {
  cat <<HELP
Serve one Herald shard read-only over Xapian's remote protocol (xapian-tcpsrv),
so that searchers elsewhere can search it as --db tcp://HOST:PORT. Runs in the
foreground, for systemd or a terminal.
Usage: $program SHARD_DIRECTORY PORT [ADDRESS]

Positionals:
  SHARD_DIRECTORY             A shard of a Herald database (DB/shard-00, DB/shard-01...)
  PORT                        TCP port to listen on
  ADDRESS                     Address to listen on (default 127.0.0.1). Give the host's private
                              address to serve other machines: xapian-tcpsrv has no
                              authentication or encryption, so keep it on a private network

Options:
  -h,--help                   Print this help message and exit

Idle connections are dropped after 10 minutes; a search that takes longer than 60 s is
abandoned (the searcher's --timeout is usually shorter).

Exit codes:
  2  usage error, or SHARD_DIRECTORY is not a Xapian (glass) database
HELP
}

if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  print_help
  exit 0
fi
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $program SHARD_DIRECTORY PORT [ADDRESS] (--help for more)" >&2
  exit 2
fi
shard=$1 port=$2 address=${3:-127.0.0.1}
if [ ! -f "$shard/iamglass" ]; then
  echo "$program: $shard is not a Xapian (glass) database" >&2
  exit 2
fi
exec xapian-tcpsrv --interface "$address" --port "$port" --idle-timeout 600000 --active-timeout 60000 --quiet "$shard"
