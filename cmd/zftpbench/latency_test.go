//go:build linux

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRTTDefaults(t *testing.T) {
	for _, tc := range []struct {
		rtt, data string
		want      time.Duration
		wantData  bool
		wantErr   bool
	}{
		{"", "", defaultRTT, false, false},
		{"50ms", "1", 50 * time.Millisecond, true, false},
		{"0", "", 0, false, false},
		{"-5ms", "", 0, false, true},
		{"20", "", 0, false, true},
	} {
		t.Run(tc.rtt+"/"+tc.data, func(t *testing.T) {
			t.Setenv("ZFTP_BENCH_RTT", tc.rtt)
			t.Setenv("ZFTP_BENCH_RTT_DATA", tc.data)
			rtt, data, err := rttDefaults()
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error: %v", err, tc.wantErr)
			}
			if err == nil && (rtt != tc.want || data != tc.wantData) {
				t.Errorf("got %v, %v; want %v, %v", rtt, data, tc.want, tc.wantData)
			}
		})
	}
}

// TestHasParallel checks the detection of --parallel in a zftp binary's --help output.
func TestHasParallel(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, help string
		want       bool
	}{
		{"without", "  -v, --verbose   verbose\n", false},
		{"with", "      --parallel int   sessions for MGET, MPUT and MIRROR (default 1)\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := filepath.Join(dir, tc.name)
			script := "#!/bin/sh\ncat <<'EOF'\n" + tc.help + "EOF\n"
			if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			if got := hasParallel(bin); got != tc.want {
				t.Errorf("hasParallel = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLatencyInvocations checks the command lines of the parallel clients.
func TestLatencyInvocations(t *testing.T) {
	ep := &endpoint{host: "127.0.0.1", port: 2121, user: "u", pass: "p"}
	for _, tc := range []struct {
		client string
		op     op
		want   string // in argv or the stdin script
	}{
		{lftpMirror, opMget, "mirror --parallel=8 small /out"},
		{lftpMirror, opMput, "mirror -R --parallel=8 /src up"},
		{"lftp", opMget, "mget *"},
		{zftpParallel, opMget, "--parallel 8"},
	} {
		t.Run(tc.client, func(t *testing.T) {
			j := &job{ep: ep, op: tc.op, zftp: "zftp", zftpData: "fd", out: "/out", src: "/src", rdir: "small", nfiles: 10}
			if tc.op == opMput {
				j.rdir = "up"
			}
			inv := j.invocation(tc.client)
			all := strings.Join(inv.argv, " ") + "\n" + inv.stdin
			if !strings.Contains(all, tc.want) {
				t.Errorf("%q does not contain %q", all, tc.want)
			}
		})
	}
	if inv := (&job{ep: ep, op: opMget, zftp: "zftp"}).invocation("zftp"); slices.Contains(inv.argv, "--parallel") {
		t.Errorf("serial zftp has --parallel: %q", inv.argv)
	}
}

// The round-trip floor of the parallel latency rows counts the login (TLS adds AUTH, the
// handshake, PBSZ and PROT), an MGET's name list, and two round trips per file on the
// busiest session.
func TestRTTFloor(t *testing.T) {
	for _, tc := range []struct {
		o               op
		tls             bool
		files, sessions int
		want            time.Duration
	}{
		{opMget, false, 100, 8, 32 * 20 * time.Millisecond},  // 4 + 2 + 13×2
		{opMput, false, 100, 8, 30 * 20 * time.Millisecond},  // 4 + 13×2
		{opMget, true, 100, 8, 36 * 20 * time.Millisecond},   // 8 + 2 + 13×2
		{opMput, true, 1000, 8, 258 * 20 * time.Millisecond}, // 8 + 125×2
		{opMget, false, 1, 1, 8 * 20 * time.Millisecond},     // 4 + 2 + 2
	} {
		got, why := rttFloor(tc.o, tc.tls, tc.files, tc.sessions, 20*time.Millisecond)
		if got != tc.want || why == "" {
			t.Errorf("rttFloor(%v, tls %v, %d files, %d sessions) = %v (%s), want %v", tc.o, tc.tls, tc.files, tc.sessions, got, why, tc.want)
		}
	}
}
