#!/usr/bin/env bash
# smoke-windows.sh BIN WORK - the batch smoke job of make test-windows:
# BIN/zftp.exe (windows/amd64) runs under wine against BIN/zftpd (the Linux
# build) on 127.0.0.1, in batch mode as a Windows job would, and each
# result is checked here on the Linux side:
#   - ASCII (TYPE A, the default): a CR LF file is PUT, the server stores
#     it with LF line ends (no stray CR), and GET brings it back with CR LF,
#     byte for byte the original;
#   - binary: 300 KB of random bytes PUT and GET back unchanged;
#   - explicit TLS (-r TLS, PROT P) with the test CA zftpd writes at
#     start-up (nothing is kept): the same ASCII and binary round trips;
#   - MGET of names Windows forbids (con, aux.log, a:b) beside ok.txt:
#     three refusals naming the rule and no RETR for them, ok.txt fetched,
#     and the return code says a file failed;
#   - when vsftpd is installed (make test-deps, which make test runs: it
#     lives in $ZFTP_SERVERS_DIR with the test account's credentials), the
#     ASCII and binary round trips against vsftpd on 127.0.0.1 too.
# The caller sets WINEPREFIX (scripts/test-windows.sh does).
set -euo pipefail
bin=$(cd "$1" && pwd)
work=$2
rm -rf "$work"
mkdir -p "$work"/{srv,srv-tls,srv-names,local,local-tls,local-names}
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true # vsftpd ends with SIGTERM's status
	done
}
trap cleanup EXIT
say() { printf '== smoke: %s\n' "$*"; }
fail() {
	printf 'smoke-windows: %s\n' "$*" >&2
	exit 1
}

password=smoke-$RANDOM$RANDOM

# start NAME ROOT ARGS...: zftpd on a free loopback port; the port is left
# in $port.
start() {
	local name=$1 root=$2
	shift 2
	"$bin/zftpd" --root "$root" --user "smoke:$password" --port-file "$work/$name.port" "$@" 2>"$work/$name.log" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	[ -s "$work/$name.port" ] || fail "zftpd ($name) did not start: $(cat "$work/$name.log")"
	port=$(cat "$work/$name.port")
}

# zftp DIR ARGS... < JOB: zftp.exe under wine in DIR (its local
# directory); the transcript goes to $work/transcript.log and stdout.
zftp() {
	local dir=$1
	shift
	local rc=0
	(cd "$dir" && timeout 120 wine "$bin/zftp.exe" "$@") >"$work/transcript.log" 2>&1 || rc=$?
	sed 's/^/   | /' "$work/transcript.log"
	return $rc
}

# round_trip DIR: the files a round trip job left in DIR and in SRV match.
check_round_trip() {
	local dir=$1 srv=$2
	tr -d '\r' <"$dir/crlf.txt" >"$work/lf.txt"
	cmp -s "$srv/crlf.txt" "$work/lf.txt" || fail "the server stored $(od -c "$srv/crlf.txt" | head -3), want LF line ends"
	cmp -s "$dir/back.txt" "$dir/crlf.txt" || fail "GET in ASCII wrote $(od -c "$dir/back.txt" | head -3), want the CR LF original"
	cmp -s "$srv/data.bin" "$dir/data.bin" || fail "binary PUT changed the data"
	cmp -s "$dir/data-back.bin" "$dir/data.bin" || fail "binary GET changed the data"
}

job="smoke
$password
put crlf.txt crlf.txt
get crlf.txt back.txt
binary
put data.bin data.bin
get data.bin data-back.bin
quit
"
for d in local local-tls; do
	printf 'first line\r\nsecond line\r\n\r\nlast line\r\n' >"$work/$d/crlf.txt"
	head -c 300000 /dev/urandom >"$work/$d/data.bin"
done

say "plain: ASCII CR LF round trip and binary round trip"
start plain "$work/srv"
zftp "$work/local" -v -e 127.0.0.1 "$port" <<<"$job" || fail "zftp.exe ended with status $?"
check_round_trip "$work/local" "$work/srv"
say "plain: the server stored LF, GET wrote CR LF, byte for byte"

say "explicit TLS (PROT P), test CA from zftpd"
start tls "$work/srv-tls" --tls explicit --tls-require --cert-dir "$work/certs"
cp "$work/certs/ca.pem" "$work/local-tls/ca.pem"
printf 'SECURE_DATACONN PRIVATE\nKEYRING ca.pem\n' >"$work/local-tls/ftp.data"
zftp "$work/local-tls" -v -e -r TLS -f ftp.data 127.0.0.1 "$port" <<<"$job" || fail "zftp.exe over TLS ended with status $?"
grep -q '>>> PROT P' "$work/transcript.log" || fail "no PROT P in the TLS transcript"
check_round_trip "$work/local-tls" "$work/srv-tls"
say "TLS: the same round trips, protected"

say "MGET of names Windows forbids"
for n in con aux.log a:b ok.txt; do echo "data of $n" >"$work/srv-names/$n"; done
start names "$work/srv-names"
rc=0
zftp "$work/local-names" -v -e 127.0.0.1 "$port" <<<"smoke
$password
mget *
quit
" || rc=$?
for rule in 'ZFT0119E "con": name refused: CON is a device name on Windows' \
	'ZFT0119E "aux.log": name refused: AUX is a device name on Windows, with any extension' \
	"ZFT0119E \"a:b\": name refused: it holds ':', which Windows does not allow in a file name"; do
	grep -qF "$rule" "$work/transcript.log" || fail "no refusal: $rule"
done
grep -qE '>>> RETR (con|aux\.log|a:b)' "$work/transcript.log" && fail "RETR sent for a forbidden name"
sed 's/$/\r/' "$work/srv-names/ok.txt" >"$work/ok-crlf.txt" # fetched in ASCII: CR LF on Windows
cmp -s "$work/local-names/ok.txt" "$work/ok-crlf.txt" || fail "ok.txt not fetched as CR LF text"
[ "$rc" != 0 ] || fail "MGET with refused names ended with status 0"
grep -q 'EZA1735I Std Return Code = .*Error Code = 00018' "$work/transcript.log" || fail "no file access error code (18)"
say "MGET: three refusals before any RETR, ok.txt fetched, status $rc"

# --- vsftpd, when make test-deps installed it -----------------------------------
servers=${ZFTP_SERVERS_DIR:-/opt/zftp-servers}
if [ ! -x "$servers/usr/sbin/vsftpd" ] || [ ! -r "$servers/credentials" ]; then
	say "vsftpd is not installed ($servers; make test-deps installs it): its round trip is left out"
	exit 0
fi
say "vsftpd: ASCII CR LF round trip and binary round trip"
user=$(sed -n 's/^ZFTP_TEST_USER=//p' "$servers/credentials")
pass=$(sed -n 's/^ZFTP_TEST_PASSWORD=//p' "$servers/credentials")
home="$work/vsftpd-home"
mkdir -p "$home" "$work/vsftpd-empty" "$work/local-vsftpd"
chown "$user:" "$home"
chmod 755 "$work"
printf 'first line\r\nsecond line\r\n\r\nlast line\r\n' >"$work/local-vsftpd/crlf.txt"
head -c 300000 /dev/urandom >"$work/local-vsftpd/data.bin"
started=
for _ in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 20000))
	cat >"$work/vsftpd.conf" <<EOF2
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
seccomp_sandbox=NO
secure_chroot_dir=$work/vsftpd-empty
pam_service_name=zftp-vsftpd
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
allow_writeable_chroot=YES
local_root=$home
port_enable=YES
connect_from_port_20=NO
ascii_upload_enable=YES
ascii_download_enable=YES
vsftpd_log_file=$work/vsftpd.log
syslog_enable=NO
session_support=NO
EOF2
	"$servers/usr/sbin/vsftpd" "$work/vsftpd.conf" 2>"$work/vsftpd.err" &
	pids+=($!)
	sleep 0.5
	if kill -0 "${pids[-1]}" 2>/dev/null; then
		started=1
		break
	fi
done
[ -n "$started" ] || fail "vsftpd did not start: $(cat "$work/vsftpd.err")"
zftp "$work/local-vsftpd" -v -e 127.0.0.1 "$port" <<<"$user
$pass
put crlf.txt crlf.txt
get crlf.txt back.txt
binary
put data.bin data.bin
get data.bin data-back.bin
quit
" || fail "zftp.exe against vsftpd ended with status $?"
check_round_trip "$work/local-vsftpd" "$home"
say "vsftpd: the server stored LF, GET wrote CR LF, byte for byte"
