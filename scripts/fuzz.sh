#!/usr/bin/env bash
# Runs every native Go fuzz target in the module for the given time each
# (default 60s; make fuzz passes FUZZTIME) and prints a line per target
# with the executions done, then a summary table. A target that fails
# makes the script exit 1 after the others have run; its crasher is left
# in the package's testdata/fuzz/<target>/ as go test writes it.
#
# FUZZPARALLEL=N (or a second argument) runs each target with N fuzzing
# workers (go test -parallel N) instead of GOMAXPROCS of them: on a shared
# machine, FUZZPARALLEL=1 make fuzz keeps the run to one core.
set -uo pipefail
fuzztime=${1:-60s}
parallel=${2:-${FUZZPARALLEL:-}}
pflag=()
if [ -n "$parallel" ]; then
	case $parallel in
	*[!0-9]* | 0)
		echo "fuzz.sh: parallel must be a positive number, not \"$parallel\"" >&2
		exit 2
		;;
	esac
	pflag=(-parallel "$parallel")
fi
cd "$(dirname "$0")/.."
status=0
summary=()
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
		echo "== $pkg $target ($fuzztime${parallel:+, $parallel worker(s)})"
		corpus="$(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$target"
		before=$(ls "$corpus" 2>/dev/null | wc -l)
		log=$(mktemp)
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" ${pflag[@]+"${pflag[@]}"} "$pkg" >"$log" 2>&1
		rc=$?
		tail -3 "$log"
		# The last progress line carries the count: "fuzz: elapsed: 1m0s, execs: 123456 (2057/sec), ..."
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
		result=ok
		after=$(ls "$corpus" 2>/dev/null | wc -l)
		if [ $rc -ne 0 ] && [ "$after" -eq "$before" ] &&
			grep -A1 -- "^--- FAIL: $target " "$log" | tail -1 | grep -qx '[[:space:]]*context deadline exceeded'; then
			# Go's fuzzing coordinator can report the end of -fuzztime
			# itself as "context deadline exceeded" (go.dev/issue/75804,
			# fixed in Go 1.27): no input failed and none was written.
			result="ok (deadline race, go.dev/issue/75804)"
		elif [ $rc -ne 0 ]; then
			result=FAIL
			status=1
			cat "$log"
		fi
		summary+=("$(printf '%-40s %-22s %12s %s' "${pkg#github.com/zftp/zftp/}" "$target" "${execs:-?}" "$result")")
		rm -f "$log"
	done
done
echo
printf '%-40s %-22s %12s %s\n' package target execs result
printf '%s\n' "${summary[@]}"
exit $status
