#!/usr/bin/env bash
# Runs every native Go fuzz target in the module for the given time each
# (default 30s) and prints a line per target with the executions done.
set -euo pipefail
fuzztime=${1:-30s}
cd "$(dirname "$0")/.."
status=0
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
		echo "== $pkg $target ($fuzztime)"
		if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" 2>&1 | tail -3; then
			status=1
		fi
	done
done
exit $status
