//go:build unix

package main

import (
	"strings"
	"testing"
)

// faultRows14b are the rows of issue 14 items 2, 5, 6, 8 and 9 in the
// matrix form (each also has a test of its own: TestBinarySystemStoreHostname,
// TestSecretsBatchLoginReplies, TestHostileServerText,
// TestGetExistingNameOfAnyKind, TestLongNameRoundTrip). Item 7 (a signal
// during a batch GET) needs a subprocess: TestBatchSignalRemovesTempFile.
func faultRows14b() []faultRow {
	return []faultRow{
		// item 2: host names are verified unless SECURE_HOSTNAME OPTIONAL
		{
			name:    "tls_other_host_refused",
			fault:   "the server's certificate names other.example; SECURE_HOSTNAME not coded (issue 14 item 2)",
			tls:     true,
			tlsName: "other.example",
			cmd:     getOld,
			rc:      "10234, Error Code = 00017",
			msg:     `EZA2897I Authentication negotiation failed\nEZA2898I Unable to successfully negotiate required authentication\nZFT0170E TLS negotiation failed: .*host name: not valid for "127\.0\.0\.1" \(valid for other\.example\)`,
			check:   noUserSent,
		},
		{
			name:    "tls_other_host_optional",
			fault:   "as tls_other_host_refused, SECURE_HOSTNAME OPTIONAL coded: accepted with one warning per session",
			tls:     true,
			tlsName: "other.example",
			ftpData: "SECURE_HOSTNAME OPTIONAL\n",
			cmd:     "binary\nget f.bin $TMP/new.bin\ndir",
			msg:     `host name is not checked`,
			usable:  true,
			files:   []string{"new.bin"},
			check: func(t *testing.T, tmp, out string) {
				if n := strings.Count(out, "host name is not checked"); n != 1 {
					t.Errorf("the SECURE_HOSTNAME OPTIONAL warning shown %d times, want once per session:\n%s", n, clip(out))
				}
				if got := readLocal(t, tmp, "new.bin"); len(got) != len(faultPayload) {
					t.Errorf("new.bin: %d bytes, want %d", len(got), len(faultPayload))
				}
			},
		},
	}
}

// noUserSent fails if the transcript shows USER (or PASS) sent.
func noUserSent(t *testing.T, _, out string) {
	t.Helper()
	for _, verb := range []string{">>> USER", ">>> PASS"} {
		if strings.Contains(out, verb) {
			t.Errorf("%s sent to a server whose host name was not verified:\n%s", verb, clip(out))
		}
	}
}

func TestFaultMatrix14b(t *testing.T) {
	warmUp(t)
	for _, row := range faultRows14b() {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}
