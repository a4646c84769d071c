//go:build linux

package main

import (
	"io"
	"testing"
)

func TestRunsOf(t *testing.T) {
	session := &workload{op: opSession}
	decisive := &workload{op: opMput, decisive: true}
	other := &workload{op: opGet}
	for _, tc := range []struct {
		name         string
		runs         int
		quick, set   bool
		wantDecisive int
		wantOther    int
		wantSession  int
	}{
		{"default size: the decisive rows get 3", 1, false, false, 3, 1, 5},
		{"full size: 3 everywhere", 3, false, false, 3, 3, 15},
		{"quick smoke run: 1 everywhere", 1, true, false, 1, 1, 5},
		{"ZFTP_BENCH_RUNS=1 is taken as said", 1, false, true, 1, 1, 5},
		{"ZFTP_BENCH_RUNS=5", 5, false, true, 5, 5, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &config{runs: tc.runs, sessionRuns: 5 * tc.runs, decisiveRuns: decisiveRuns(tc.runs, tc.quick, tc.set)}
			if got := c.runsOf(decisive); got != tc.wantDecisive {
				t.Errorf("decisive row: %d runs, want %d", got, tc.wantDecisive)
			}
			if got := c.runsOf(other); got != tc.wantOther {
				t.Errorf("other row: %d runs, want %d", got, tc.wantOther)
			}
			if got := c.runsOf(session); got != tc.wantSession {
				t.Errorf("session row: %d runs, want %d", got, tc.wantSession)
			}
		})
	}
}

// TestDecisiveRows: the loopback small-file rows in clear and the 100-file parallel rows are
// decisive; the TLS small-file rows (curl and lftp take 10–40 s there), the serial latency rows
// and the big files are not.
func TestDecisiveRows(t *testing.T) {
	b := &bench{cfg: &config{size: 1 << 20, files: 10, rtt: 20e6, zftpParallel: true}, log: io.Discard}
	eps := map[string]*endpoint{
		"vsftpd":         {host: "127.0.0.1", port: 21},
		"vsftpd-tls":     {host: "127.0.0.1", port: 990, tls: true},
		"vsftpd@rtt":     {host: "127.0.0.1", port: 2121, rtt: 20e6},
		"vsftpd-tls@rtt": {host: "127.0.0.1", port: 2990, tls: true, rtt: 20e6},
	}
	decisive := map[string]bool{}
	for _, w := range append(b.workloads(eps), b.latencyWorkloads(eps)...) {
		decisive[w.name] = w.decisive
	}
	for name, want := range map[string]bool{
		"MGET 10×4KiB plain vsftpd":               true,
		"MPUT 10×4KiB plain vsftpd":               true,
		"MGET 10×4KiB TLS vsftpd":                 false,
		"GET 1MiB plain vsftpd":                   false,
		"MGET 100×4KiB plain vsftpd rtt 20ms -P8": true,
		"MPUT 100×4KiB TLS vsftpd rtt 20ms -P8":   true,
		"MGET 10×4KiB plain vsftpd rtt 20ms":      false,
	} {
		if got, ok := decisive[name]; !ok || got != want {
			t.Errorf("%s: decisive %v (listed %v), want %v", name, got, ok, want)
		}
	}
}
