#!/usr/bin/env bash
# make demo: start zftpd on a free loopback port with a temporary tree, run
# a short scripted zftp batch session against it, print the transcript,
# and stop the server by its PID.
set -euo pipefail
bin=${1:-bin}
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

password=demo-$RANDOM$RANDOM
"$bin/zftpd" --temp --ibm --user "tiffany:$password" --port-file "$work/port" 2>"$work/zftpd.log" &
pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "zftpd did not start:" >&2; cat "$work/zftpd.log" >&2; exit 1; }
port=$(cat "$work/port")

printf 'local data\nsecond line\n' >"$work/local.txt"
echo "== zftp -v 127.0.0.1 $port  (batch input on stdin; zftpd --ibm on loopback)"
echo
"$bin/zftp" -v 127.0.0.1 "$port" <<EOF2
tiffany
$password
pwd
dir
binary
get data.bin $work/data.bin
put $work/local.txt local.txt
ls
cd sub
pwd
quit
EOF2
