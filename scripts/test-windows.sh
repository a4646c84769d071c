#!/usr/bin/env bash
# test-windows.sh - make test-windows: run zftp's Windows build for real,
# under Debian 12's wine 8.0, on this Linux machine. Run as root (it
# installs packages), from the repository or with the repository as $1:
#
#   bash scripts/test-windows.sh [ZFTP_SRC]
#
# Steps (each skipped when its result is already in place, so a second run
# only rebuilds and reruns):
#   1. apt-get install wine wine64 gcc-mingw-w64-x86-64;
#   2. the bcryptprimitives.dll shim: Go >= 1.24 imports ProcessPrng from
#      it at start-up and wine 8.0 has no such DLL. A 12 KiB DLL built with
#      mingw-w64 exports it on top of advapi32's RtlGenRandom; it goes into
#      the prefix's system32, where the Go runtime looks for it;
#   3. a wine prefix ($WORK/prefix);
#   4. a copy of the Go toolchain ($WORK/goroot) whose os.Root/RemoveAll
#      delete falls back to the old Windows API when wine answers
#      STATUS_NOT_IMPLEMENTED: wine 8.0 lacks FileDispositionInformationEx
#      (Windows 10 1607 and later have it), and without the fallback every
#      t.TempDir cleanup fails with "Invalid function.";
#   5. the smoke job: zftp.exe (windows/amd64) under wine in batch mode
#      against zftpd (the Linux build) on 127.0.0.1: an ASCII PUT of a
#      CR LF file, stored with LF line ends, and GET back byte for byte;
#      a binary round trip; the same over explicit TLS with the test CA
#      zftpd makes at start-up; an MGET of names Windows forbids;
#   6. every package's test binary, built for windows/amd64 with that
#      toolchain, run under wine in its package directory (two at a time),
#      with a summary line per package. Any failure fails the run.
#
# This file started as a copy of the project's shared wine-setup.sh; it
# does not read anything outside the repository.
#
# Environment (optional):
#   WORK        where the prefix, toolchain copy, binaries and logs are kept
#               (default ${TMPDIR:-/tmp}/zftp-wine); reused between runs
#   JOBS        test binaries run at once (default 2)
#   SMOKE_ONLY  1: stop after the smoke job
set -euo pipefail

SRC=$(cd "${1:-.}" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/zftp-wine}
JOBS=${JOBS:-2}
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all
unset GOROOT
start=$(date +%s)

say() { printf '== [%4ss] %s\n' "$(($(date +%s) - start))" "$*"; }
die() {
	printf 'test-windows: %s\n' "$*" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (apt-get install); make test-windows uses sudo when it is there"
[ -f "$SRC/go.mod" ] && grep -q '^module github.com/zftp/zftp' "$SRC/go.mod" || die "$SRC is not a zftp clone"
command -v go >/dev/null || die "Go 1.26 is needed on PATH"

# 1. packages ---------------------------------------------------------------
need=()
for p in wine wine64 gcc-mingw-w64-x86-64; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	say "apt-get install ${need[*]}"
	apt-get update -qq
	# "wine" (/usr/bin/wine) is only a recommendation of wine64: named here.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v wine >/dev/null || die "wine is not on PATH after installing wine64"
mkdir -p "$WORK"/{shim,bin,tests,logs}

# 2. the bcryptprimitives.dll shim --------------------------------------------
cat >"$WORK/shim/bcryptprimitives.c.new" <<'EOF'
/* bcryptprimitives.dll for wine 8.0: the Go runtime (>= 1.24) imports
   ProcessPrng at start-up. Implemented with advapi32's RtlGenRandom. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID r)
{
    (void)h; (void)reason; (void)r;
    return TRUE;
}
EOF
printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\n    ProcessPrng\n' >"$WORK/shim/bcryptprimitives.def"
if ! cmp -s "$WORK/shim/bcryptprimitives.c.new" "$WORK/shim/bcryptprimitives.c" || [ ! -f "$WORK/shim/bcryptprimitives.dll" ]; then
	say "build the shim DLL"
	mv "$WORK/shim/bcryptprimitives.c.new" "$WORK/shim/bcryptprimitives.c"
	x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WORK/shim/bcryptprimitives.dll" \
		"$WORK/shim/bcryptprimitives.c" "$WORK/shim/bcryptprimitives.def" -ladvapi32
else
	rm -f "$WORK/shim/bcryptprimitives.c.new"
fi

# 3. the wine prefix -----------------------------------------------------------
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	say "create the wine prefix $WINEPREFIX"
	wineboot -i >"$WORK/logs/wineboot.log" 2>&1 || true
	wineserver -w
fi
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || die "wineboot did not create $WINEPREFIX (see $WORK/logs/wineboot.log)"
sys32="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
cmp -s "$WORK/shim/bcryptprimitives.dll" "$sys32" || cp "$WORK/shim/bcryptprimitives.dll" "$sys32"

# 4. the toolchain copy patched for wine's missing information class ---------------
groot="$WORK/goroot"
if [ ! -x "$groot/bin/go" ] || [ "$("$groot/bin/go" env GOVERSION)" != "$(go env GOVERSION)" ]; then
	say "copy the Go toolchain to $groot"
	rm -rf "$groot"
	cp -a "$(go env GOROOT)" "$groot"
fi
at="$groot/src/internal/syscall/windows/at_windows.go"
if ! grep -q 'NTStatus(0xC0000002)' "$at"; then
	say "patch $at: treat STATUS_NOT_IMPLEMENTED like STATUS_NOT_SUPPORTED in Deleteat"
	sed -i 's|^\(\t\t\)STATUS_NOT_SUPPORTED: \(.*\)$|\1STATUS_NOT_SUPPORTED, \2\n\1NTStatus(0xC0000002), // STATUS_NOT_IMPLEMENTED: wine 8.0 (test-windows.sh)\n\1NTStatus(0xC0000010): // STATUS_INVALID_DEVICE_REQUEST (test-windows.sh)|' "$at"
	grep -q 'NTStatus(0xC0000002)' "$at" || die "could not patch $at (another Go version?)"
fi
gow() { (cd "$SRC" && GOOS=windows GOARCH=amd64 CGO_ENABLED=0 GOTOOLCHAIN=local "$groot/bin/go" "$@"); }

# 5. the smoke job ----------------------------------------------------------------
say "build zftp.exe (windows/amd64) and zftpd (linux)"
gow build -trimpath -ldflags='-s -w' -o "$WORK/bin/zftp.exe" ./cmd/zftp
(cd "$SRC" && CGO_ENABLED=0 go build -trimpath -o "$WORK/bin/zftpd" ./cmd/zftpd)
timeout 120 wine "$WORK/bin/zftp.exe" --version

bash "$SRC/scripts/smoke-windows.sh" "$WORK/bin" "$WORK/smoke"
[ "${SMOKE_ONLY:-0}" = 1 ] && {
	say "done (SMOKE_ONLY=1) in $(($(date +%s) - start))s"
	exit 0
}

# 6. test binaries --------------------------------------------------------------------
say "build every package's Windows test binary"
logs="$WORK/logs/tests"
rm -rf "$logs" "$WORK/tests"
mkdir -p "$logs" "$WORK/tests"
gow list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}}{{end}}' ./... | sed '/^$/d' >"$WORK/packages"
# One go command for all of them, so that it builds them in parallel; each
# binary is named for the last element of its import path.
# No symbol tables (-s -w): nothing debugs them, and they link faster.
gow test -c -ldflags='-s -w' -o "$WORK/tests/" $(cut -d' ' -f1 "$WORK/packages") >/dev/null ||
	die "cannot build the tests for windows/amd64"

# run_one NAME DIR: run the test binary NAME.test.exe under wine in DIR;
# its log and a summary line go to $logs.
run_one() {
	local name=$1 dir=$2 rc=0 t0
	t0=$(date +%s)
	(cd "$dir" && timeout 900 wine "$WORK/tests/$name.test.exe" -test.v -test.timeout 14m) \
		>"$logs/$name.log" 2>&1 </dev/null || rc=$?
	printf '%-22s rc=%-3s pass=%-3s fail=%-3s skip=%-3s %4ss\n' "$name" "$rc" \
		"$(grep -c -- '^--- PASS' "$logs/$name.log" || true)" \
		"$(grep -c -- '^--- FAIL' "$logs/$name.log" || true)" \
		"$(grep -c -- '^--- SKIP' "$logs/$name.log" || true)" \
		"$(($(date +%s) - t0))" >"$logs/$name.summary"
	cat "$logs/$name.summary"
}
export -f run_one
export WORK logs

say "run them under wine, $JOBS at a time (logs in $logs)"
# The slowest package first, so that the others run beside it.
{
	grep ' .*/cmd/zftp$' "$WORK/packages" || true
	grep -v ' .*/cmd/zftp$' "$WORK/packages"
} | while read -r pkg dir; do
	printf '%s\n%s\n' "${pkg##*/}" "$dir"
done | xargs -d '\n' -n 2 -P "$JOBS" bash -c 'run_one "$0" "$1"'

say "summary"
failed=0
for s in "$logs"/*.summary; do
	cat "$s"
	grep -q ' rc=0 ' "$s" || failed=1
done
say "skipped, or left out of a test, because this system cannot do it"
for s in "$logs"/*.log; do
	{
		grep -h -B1 -e '--- SKIP' "$s" || true
		grep -h -e ' left out: ' "$s" || true
	} | sed "s|^|$(basename "$s" .log): |"
done
timeout 60 wineserver -w 2>/dev/null || true
[ "$failed" = 0 ] || die "some Windows test binaries failed under wine (logs in $logs)"
say "all Windows test binaries pass under wine; $(($(date +%s) - start))s"
