#!/usr/bin/env bash
# make demo: start zftpd on a free loopback port with a temporary tree, run
# a short scripted zftp batch session against it, print the transcript,
# and stop the server by its PID.
#
# make demo-tls (bash scripts/demo.sh BIN tls): the same with FTPS, in two
# sessions: explicit TLS (-r TLS) with PROT P transfers that then clears
# the control connection with CCC (TLSRFCLEVEL RFC4217), and an implicit
# session in the z/OS model (TLSPORT, SECUREIMPLICITZOS TRUE). Each zftpd
# makes its own test CA at start-up under the temporary directory; no key
# is kept.
set -euo pipefail
bin=${1:-bin}
mode=${2:-plain}
case $mode in plain | tls) ;; *)
	echo "usage: $0 [BIN] [plain|tls]" >&2
	exit 2
	;;
esac
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT

password=demo-$RANDOM$RANDOM

# start_server NAME ARGS...: start zftpd on a free loopback port with the
# extra ARGS; its port is left in $port, its log in $work/NAME.log.
start_server() {
	local name=$1
	shift
	"$bin/zftpd" --temp --ibm --user "tiffany:$password" --port-file "$work/$name.port" "$@" 2>"$work/$name.log" &
	pids+=($!)
	for _ in $(seq 50); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	[ -s "$work/$name.port" ] || {
		echo "zftpd ($name) did not start:" >&2
		cat "$work/$name.log" >&2
		exit 1
	}
	port=$(cat "$work/$name.port")
}

# section TITLE: a header between the sessions.
section() {
	echo
	echo "================================================================"
	echo "== $1"
	echo "================================================================"
	echo
}

printf 'local data\nsecond line\n' >"$work/local.txt"

if [ "$mode" = plain ]; then
	start_server plain
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
	exit 0
fi

# --- tls: explicit FTPS, PROT P, then CCC -----------------------------------
start_server explicit --tls explicit --ccc accept --ccc-mode rfc4217 --cert-dir "$work/certs"
cat >"$work/ftp.data" <<EOF2
; zftp demo: data connections protected (PBSZ 0, PROT P at login);
; CCC allowed, with the close_notify exchange of RFC 4217
SECURE_DATACONN PRIVATE
TLSRFCLEVEL RFC4217
EOF2
section "1. Explicit FTPS: AUTH TLS, PROT P put/get, CCC, a listing in clear control"
echo "   zftpd --tls explicit --ccc accept --ccc-mode rfc4217 --cert-dir $work/certs --ibm  (port $port)"
echo "   zftp -v -e -r TLS --keyring $work/certs/ca.pem -f ftp.data 127.0.0.1 $port"
echo "   ftp.data:"
sed 's/^/     /' "$work/ftp.data"
echo
"$bin/zftp" -v -e -r TLS --keyring "$work/certs/ca.pem" -f "$work/ftp.data" 127.0.0.1 "$port" <<EOF2
tiffany
$password
binary
put $work/local.txt local.txt
get data.bin $work/data.bin
ccc
dir
get local.txt $work/back.txt
quit
EOF2
cmp -s "$work/local.txt" "$work/back.txt" || {
	echo "demo: the file read back after CCC differs" >&2
	exit 1
}

# --- tls: implicit, z/OS model ----------------------------------------------
start_server implicit --tls implicit-zos --cert-dir "$work/certs-zos"
cat >"$work/ftp-implicit.data" <<EOF2
; zftp demo: a connection to TLSPORT is implicitly protected; the z/OS
; model reads the 220 in clear, then starts TLS without AUTH
TLSPORT $port
SECUREIMPLICITZOS TRUE
KEYRING $work/certs-zos/ca.pem
SECURE_DATACONN PRIVATE
EOF2
section "2. Implicit FTPS, z/OS model (SECUREIMPLICITZOS TRUE): 220 in clear, then TLS"
echo "   zftpd --tls implicit-zos --cert-dir $work/certs-zos --ibm  (port $port)"
echo "   zftp -v -e -f ftp-implicit.data 127.0.0.1 $port"
echo "   ftp-implicit.data:"
sed 's/^/     /' "$work/ftp-implicit.data"
echo
"$bin/zftp" -v -e -f "$work/ftp-implicit.data" 127.0.0.1 "$port" <<EOF2
tiffany
$password
pwd
dir
binary
get data.bin $work/data-implicit.bin
quit
EOF2
section "Done: both sessions ended with QUIT"
