//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// faultRows14b are the rows of issue 14 items 2, 5, 6, 8 and 9 in the
// matrix form (each also has a test of its own: TestBinarySystemStoreHostname,
// TestSecretsBatchLoginReplies, TestHostileServerText,
// TestGetExistingNameOfAnyKind, TestLongNameRoundTrip). Item 7 (a signal
// during a batch GET) needs a subprocess: TestBatchSignalRemovesTempFile.
func faultRows14b() []faultRow {
	const account = "Acc0untX"                // the account record of the 332 row
	long := strings.Repeat("n", 246) + ".bin" // 250 bytes: a long temporary suffix would pass NAME_MAX
	putLong := func(t *testing.T, srv *ftptest.Server, _ string) { srv.WriteFile(t, long, faultPayload) }
	return []faultRow{
		// item 2: host names are verified unless SECURE_HOSTNAME OPTIONAL
		{
			name:    "tls_other_host_refused",
			fault:   "the server's certificate names other.example; SECURE_HOSTNAME not coded (issue 14 item 2)",
			tls:     true,
			tlsName: "other.example",
			cmd:     getOld,
			rc:      "10234, Error Code = 00017",
			msg:     `ZFT0170E TLS negotiation failed: .*host name: not valid for "127\.0\.0\.1" \(valid for other\.example\); SECURE_HOSTNAME not coded.*\nEZA2897I Authentication negotiation failed\nEZA2898I Unable to successfully negotiate required authentication\n`, // the cause first: issue 24 item 11
			check:   noUserSent,
		},
		{
			name: "tls_other_host_implicit",
			fault: "as tls_other_host_refused on an implicit start (TLSPORT, SECUREIMPLICITZOS FALSE): the cause named is the host name, " +
				"not the SECUREIMPLICITZOS model, whose handshake ran (issue 20 item 4)",
			tls:      true,
			implicit: true,
			tlsName:  "other.example",
			cmd:      getOld,
			rc:       "10000, Error Code = 00017",
			msg: `ZFT0170E TLS negotiation failed: implicit TLS \(SECUREIMPLICITZOS FALSE: handshake first\) failed: server certificate .*host name: ` +
				`not valid for "127\.0\.0\.1" \(valid for other\.example\); SECURE_HOSTNAME not coded.*\n` +
				`EZA2897I Authentication negotiation failed\nEZA2898I Unable to successfully negotiate required authentication\n`, // the cause first: issue 24 item 11
			check: func(t *testing.T, tmp, out string) {
				noUserSent(t, tmp, out)
				if strings.Contains(out, "needs SECUREIMPLICITZOS") {
					t.Errorf("SECUREIMPLICITZOS advice for a host-name mismatch:\n%s", clip(out))
				}
			},
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
		// item 5: the password record is never echoed, run or sent as
		// another command, whatever the server answers to USER (the runner
		// greps stdout and the -d trace on stderr for the password)
		{
			name:     "user_230",
			fault:    "USER answered 230 in a batch login whose input holds the password record (issue 14 item 5)",
			faults:   ftpd.Faults{ReplyCodeFor: map[string]string{"USER": "230 logged in without a password"}},
			args:     []string{"-d"},
			cmd:      getOld,
			rc:       "16530, Error Code = 00002",
			pwdReply: `530 `,
			check:    passwordNotRun,
		},
		{
			name:     "user_530",
			fault:    "USER answered 530 in a batch login whose input holds the password record",
			faults:   ftpd.Faults{ReplyCodeFor: map[string]string{"USER": "530 Not logged in"}},
			args:     []string{"-d"},
			cmd:      getOld,
			rc:       "10530, Error Code = 00011",
			pwdReply: `530 `,
			check:    passwordNotRun,
		},
		{
			name:     "user_332",
			fault:    "USER answered 332 in a batch login: the password record is consumed, the account record is sent as ACCT and shown, as IBM shows it (only the password is hidden)",
			faults:   ftpd.Faults{ReplyCodeFor: map[string]string{"USER": "332 Need account for login"}},
			args:     []string{"-d"},
			cmd:      account + "\n" + getOld,
			rc:       "10530, Error Code = 00011",
			pwdReply: `530 `,
			check: func(t *testing.T, tmp, out string) {
				passwordNotRun(t, tmp, out)
				if !strings.Contains(out, "EZA1701I >>> ACCT "+account+"\n") {
					t.Errorf("no >>> ACCT line with the account:\n%s", clip(out))
				}
			},
		},
		// item 6: server text reaches the transcript escaped
		{
			name:   "hostile_reply_text",
			fault:  "a reply holding ESC, raw 0x9B, U+009B and an OSC 52 clipboard write in U+009D (issue 14 item 6)",
			faults: ftpd.Faults{RawReplyFor: map[string]string{"NOOP": "200-" + hostile + "\r\n200 " + hostile + "\r\n"}},
			args:   []string{"-d"},
			cmd:    "quote noop",
			msg:    `(?m)^200-A\^\[\[2JB\\x9b31mC\\u009b2JD\\u009d52;c;cHduZWQ=\^GE\n`,
			usable: true,
			check:  escapedHostile,
		},
		{
			name:   "hostile_error_text",
			fault:  "a RETR refusal holding the same controls",
			faults: ftpd.Faults{ReplyCodeFor: map[string]string{"RETR": "550 " + hostile}},
			args:   []string{"-d"},
			cmd:    getOld,
			rc:     "16550, Error Code = 00002",
			msg:    `(?m)^550 A\^\[\[2JB`,
			usable: true,
			check:  escapedHostile,
		},
		// item 8: an existing local name of any kind is "exists" without (REPLACE
		{
			name:    "get_onto_symlink",
			fault:   "GET without (REPLACE onto a symbolic link to a file elsewhere (issue 14 item 8)",
			prepare: symlinkTo("link.bin", "target.txt"),
			cmd:     "get f.bin $TMP/link.bin",
			rc:      "16000, Error Code = 00018",
			msg:     `ZFT0124E Local file .*link\.bin`,
			usable:  true,
			files:   []string{"link.bin"},
			check:   symlinkUntouched("link.bin", "target.txt"),
		},
		{
			name:    "get_onto_dangling_symlink",
			fault:   "GET without (REPLACE onto a dangling symbolic link",
			prepare: symlinkTo("link.bin", ""),
			cmd:     "get f.bin $TMP/link.bin",
			rc:      "16000, Error Code = 00018",
			msg:     `ZFT0124E Local file .*link\.bin`,
			usable:  true,
			files:   []string{"link.bin"},
			check:   symlinkUntouched("link.bin", ""),
		},
		{
			name:    "mget_onto_dangling_symlink",
			fault:   "MGET without (REPLACE onto a dangling symbolic link of the remote file's name",
			prepare: symlinkTo("f.bin", ""),
			cmd:     "binary\nmget f.bin",
			rc:      `22\d{3}, Error Code = 00018`, // the code part is the last reply (FEAT here)
			msg:     `ZFT0124E Local file .*f\.bin`,
			usable:  true,
			files:   []string{"f.bin"},
			check:   symlinkUntouched("f.bin", ""),
		},
		// item 9: any name the file system allows can be fetched
		{
			name:    "get_250_byte_name",
			fault:   "GET of a 250-byte remote name (issue 14 item 9)",
			prepare: putLong,
			cmd:     "binary\nget " + long + " $TMP/" + long,
			usable:  true,
			files:   []string{long},
			check: func(t *testing.T, tmp, _ string) {
				if got := readLocal(t, tmp, long); len(got) != len(faultPayload) {
					t.Errorf("%d bytes fetched, want %d", len(got), len(faultPayload))
				}
			},
		},
		{
			name:    "get_250_byte_name_short",
			fault:   "GET of a 250-byte remote name cut short: the temporary file is removed",
			faults:  ftpd.Faults{DropDataAfter: int64(len(faultPayload) / 2), DropDataQuietly: true},
			prepare: putLong,
			cmd:     "binary\nget " + long + " $TMP/" + long,
			rc:      "16250, Error Code = 00010",
			msg:     `ZFT0130E n+\.bin: received 524288 bytes`,
			usable:  true,
		},
	}
}

// faultRowsSessionsKeyrings are the rows of issue 25 items 1 and 11:
// extra parallel sessions reach the first session's protection or are
// not used, and keyring and stash files are read as bounded regular
// files (a device, a FIFO or an oversized file fails at once).
func faultRowsSessionsKeyrings() []faultRow {
	putFiles, fetched, checkFetched := payloadFiles(6)
	fifo := func(name string) func(t *testing.T, _ *ftptest.Server, tmp string) {
		return func(t *testing.T, _ *ftptest.Server, tmp string) {
			if err := syscall.Mkfifo(filepath.Join(tmp, name), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	return []faultRow{
		// item 1: an extra session whose AUTH is refused is not used
		{
			name: "parallel_extra_sessions_auth_refused",
			fault: "-a TLS --parallel 3: the first session negotiates TLS, AUTH is refused (534) on every session after it; " +
				"no extra session logs in in clear, the MGET goes on over the first (issue 25 item 1)",
			faults:       ftpd.Faults{AuthFirstOnly: true},
			serverPerRun: true,
			server:       []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed)},
			ftpData:      "KEYRING $CA\n",
			args:         []string{"-a", "TLS", "--parallel", "3"},
			prepare:      putFiles,
			cmd:          "binary\nmget p*",
			msg:          `ZFT0190W .*AUTH: 534`,
			usable:       true,
			files:        fetched,
			check:        checkFetched,
		},
		// item 11: keyring and stash files are bounded regular files
		{
			name:    "keyring_dev_zero",
			fault:   "KEYRING /dev/zero: a device, refused at once, not read for ever (issue 25 item 11)",
			tls:     true,
			keyring: "/dev/zero",
			cmd:     getOld,
			rc:      `10\d{3}, Error Code = \d{5}`,
			msg:     `/dev/zero.*not a regular file`,
			within:  10 * time.Second,
			check:   noUserSent,
		},
		{
			name:    "keyring_fifo",
			fault:   "KEYRING names a FIFO nothing writes to: refused at once, not waited on",
			tls:     true,
			keyring: "$TMP/ring.pem",
			prepare: fifo("ring.pem"),
			cmd:     getOld,
			rc:      `10\d{3}, Error Code = \d{5}`,
			msg:     `ring\.pem.*not a regular file`,
			files:   []string{"ring.pem"},
			within:  10 * time.Second,
			check:   noUserSent,
		},
		{
			name:    "keyring_stash_fifo",
			fault:   "a PKCS#12 keyring whose stash file (ring.sth) is a FIFO nothing writes to: refused at once, not waited on",
			tls:     true,
			keyring: "$TMP/ring.p12",
			prepare: func(t *testing.T, srv *ftptest.Server, tmp string) {
				writeLocal(t, tmp, "ring.p12", []byte("not a PKCS#12 file"))
				fifo("ring.sth")(t, srv, tmp)
			},
			cmd:    getOld,
			rc:     `10\d{3}, Error Code = \d{5}`,
			msg:    `ring\.sth.*not a regular file`,
			files:  []string{"ring.p12", "ring.sth"},
			within: 10 * time.Second,
			check:  noUserSent,
		},
	}
}

func TestFaultMatrixSessionsKeyrings(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsSessionsKeyrings() {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}

// passwordNotRun fails if the password record ran as a subcommand.
func passwordNotRun(t *testing.T, _, out string) {
	t.Helper()
	if strings.Contains(out, "Unknown subcommand") {
		t.Errorf("the password record ran as a subcommand:\n%s", clip(out))
	}
}

// escapedHostile fails unless the transcript holds the escaped forms of
// hostile and no raw control.
func escapedHostile(t *testing.T, _, out string) {
	t.Helper()
	assertNoControls(t, "stdout", out)
	for _, esc := range []string{`^[[2J`, `\x9b31m`, `\u009b2J`, `\u009d52;c;`} {
		if !strings.Contains(out, esc) {
			t.Errorf("the transcript lacks the escaped form %q:\n%s", esc, clip(out))
		}
	}
}

// symlinkTo makes $TMP/name a symbolic link to a file outside the
// local directory named target (with known contents), or, for "", to a
// name that does not exist.
func symlinkTo(name, target string) func(t *testing.T, _ *ftptest.Server, tmp string) {
	return func(t *testing.T, _ *ftptest.Server, tmp string) {
		t.Helper()
		dest := tmp + ".missing"
		if target != "" {
			dest = tmp + "." + target
			if err := os.WriteFile(dest, []byte("elsewhere\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink(dest, filepath.Join(tmp, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// symlinkUntouched fails unless $TMP/name is still the link symlinkTo
// made and its target is unchanged (or still missing).
func symlinkUntouched(name, target string) func(t *testing.T, tmp, _ string) {
	return func(t *testing.T, tmp, _ string) {
		t.Helper()
		dest := tmp + ".missing"
		if target != "" {
			dest = tmp + "." + target
		}
		if got, err := os.Readlink(filepath.Join(tmp, name)); err != nil || got != dest {
			t.Errorf("%s: %q, %v; want a link to %s", name, got, err, dest)
		}
		b, err := os.ReadFile(dest)
		switch {
		case target == "" && !os.IsNotExist(err):
			t.Errorf("the dangling link's target was created: %q, %v", b, err)
		case target != "" && string(b) != "elsewhere\n":
			t.Errorf("the link's target was written: %q, %v", b, err)
		}
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
