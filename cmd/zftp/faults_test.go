package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls/tlstest"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/platformtest"
)

// The fault matrix of issue 7: one row per way a server (or the network
// between) can break, each run through the whole front end in-process
// against client/ftptest with ftpd.Faults. Every row asserts
//
//   - the exit status and the EZA1735I codes of a run with -e;
//   - the message of a run without -e, which goes on after the failure;
//   - the old local file is intact and no other file (partial, temporary)
//     is left in the local directory;
//   - whether the session is still usable: the PWD after the failure gets
//     its 257, or, where the protocol cannot go on, the transcript says the
//     connection was lost (ZFT0112E) and the client is not connected;
//   - no goroutine is left once the server is closed.
//
// The later issues' rows use the same runner (runFaultRow), one table per
// subject: TestFaultMatrix14 (hostile replies, bounded time and memory),
// TestFaultMatrix14b (TLS and login replies), TestFaultMatrixSessionsKeyrings
// (issue 25 items 1 and 11), TestFaultMatrixMirrorReget (items 2, 3, 4, 7,
// 8), TestFaultMatrixRecords (items 5, 10, 12), TestFaultMatrixWaits
// (issue 26's bounded waits) and, on Linux, TestFaultMatrixProcess (item 6
// and "! cmd &" of item 13: zftp in a process of its own, where a signal
// decides). Tab completion and SIGQUIT at a terminal (items 9 and 13) need
// a terminal: TestFaultMatrixPTY holds them as rows of another kind
// (ptyFaultRow, keys typed and the screen expected). The unit tests of
// internal/zos and tls for the same rules stay: they test the function
// itself, the rows the whole front end.

// oldContent is the local file every GET row tries to replace.
const oldContent = "old contents, must survive\n"

// faultPayload is the remote file f.bin: big enough that a transfer cut
// after a few kilobytes is visibly short.
var faultPayload = bytes.Repeat([]byte("0123456789abcdef"), 1<<16)

// faultRow is one fault.
type faultRow struct {
	name    string
	fault   string      // the fault, in the words of issue 7
	faults  ftpd.Faults // what the server does
	server  []ftptest.Option
	plain   bool     // plain server texts (150 with "(N bytes)") instead of WithIBM
	tls     bool     // explicit FTPS, PROT P: -r TLS with the test CA
	args    []string // more options, e.g. --passive
	ftpData string   // FTP.DATA statements, given with -f
	wait    int      // -w seconds; 0 = 5
	local   string   // a local copy of faultPayload to make first
	cmd     string   // the subcommand(s) that meet the fault; $TMP is the local directory

	rc     string   // regexp for "NNNNN, Error Code = NNNNN" of EZA1735I in the -e run; "" = success
	msg    string   // regexp the transcript of the run without -e must match
	usable bool     // PWD works after the failure; false: the connection is lost
	files  []string // local files besides old.bin the run leaves
	check  func(t *testing.T, tmp, out string)

	// implicit, with tls, makes the server implicit (the handshake first)
	// and the client reach it through TLSPORT with SECUREIMPLICITZOS
	// FALSE instead of -r TLS.
	implicit bool
	// tlsName, with tls, makes the server present a certificate for this
	// host name only (from a CA the client trusts through its KEYRING)
	// instead of one for the loopback names.
	tlsName string
	// prepare runs before each run (with and without -e): it makes the
	// local and remote files the row needs.
	prepare func(t *testing.T, srv *ftptest.Server, tmp string)
	// pwdReply, when set, is a regexp the reply to the PWD after the
	// fault must match instead of usable's 257 (a session that is
	// connected but not logged in).
	pwdReply string

	// input, when set, is the whole job (stdin) instead of the user ID
	// and password records, cmd, pwd and quit; no host is given on the
	// command line (the job's first record names it, or args do). $HOST,
	// $PORT, $USER, $PASS, $TMP and $CA (the test CA's file) are replaced,
	// in cmd, args, ftpData, netrc and keyring too. The job must end with
	// pwd and quit for the usable check.
	input string
	// netrc, when set, is written to $TMP/netrc (the run's netrc), with
	// input's replacements.
	netrc string
	// keyring, with tls, is the KEYRING statement's value instead of
	// the test CA ($TMP replaced): a keyring file that cannot be read.
	keyring string
	// secrets are more strings that must appear nowhere in the output
	// (besides the server's password).
	secrets []string
	// within bounds the time of each run (a hang, not a speed
	// measurement); 0: -w plus 10 seconds.
	within time.Duration
	// exec, when set, runs the front end instead of the in-process run:
	// a subprocess for what a process-wide signal or handler decides.
	exec func(t *testing.T, tmp string, args []string, input string) (stdout, stderr string, status int)
	// serverPerRun gives the run without -e a server of its own (with
	// the same options and the same CA), for faults that count the
	// server's sessions (AuthFirstOnly).
	serverPerRun bool
}

const getOld = "get f.bin $TMP/old.bin (replace"

func faultRows() []faultRow {
	absName := filepath.Join(os.TempDir(), "zftp-fault-absolute-"+strconv.Itoa(os.Getpid()))
	return []faultRow{
		{
			name:   "reply_line_too_long",
			fault:  "reply lines over the cap",
			faults: ftpd.Faults{RawReplyFor: map[string]string{"RETR": "550 " + strings.Repeat("x", 20000) + "\r\n"}},
			cmd:    getOld,
			rc:     "16200, Error Code = 00010",
			msg:    `ZFT0110E read reply: reply line too long \(more than 8192 bytes\)\nZFT0112E`,
		},
		{
			name:   "endless_multiline_reply",
			fault:  "endless multi-line replies",
			faults: ftpd.Faults{EndlessReplyFor: []string{"RETR"}},
			cmd:    getOld,
			rc:     "16200, Error Code = 00010",
			msg:    `ZFT0110E read reply: reply 211: too many lines in reply \(more than 100000\)\nZFT0112E`,
		},
		{
			name:   "invalid_reply_code",
			fault:  "invalid codes",
			faults: ftpd.Faults{RawReplyFor: map[string]string{"RETR": "abc this is no reply\r\n"}},
			cmd:    getOld,
			rc:     "16200, Error Code = 00010",
			msg:    `ZFT0110E read reply: malformed reply: "abc this is no reply"\nZFT0112E`,
		},
		{
			name:   "no_reply",
			fault:  "no reply at all",
			faults: ftpd.Faults{SilentFor: []string{"RETR"}},
			wait:   1,
			cmd:    getOld,
			rc:     "16200, Error Code = 00009",
			msg:    `ZFT0110E read reply: .*i/o timeout\nEZA1721W Server not responding, closing connection\n`,
		},
		{
			name:   "no_greeting",
			fault:  "no reply at all (no 220 greeting)",
			faults: ftpd.Faults{SilentFor: []string{"GREETING"}},
			wait:   1,
			cmd:    getOld,
			rc:     "10000, Error Code = 00009",
			msg:    `EZA2589E Connection to server interrupted or timed out\. Initial Connection\n`,
		},
		{
			name:    "pasv_foreign_host",
			fault:   "227 reply naming a foreign host (127.0.0.2)",
			server:  []ftptest.Option{ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2))},
			args:    []string{"--passive"},
			ftpData: "PASSIVEIGNOREADDR FALSE\n", // follow the reply, as z/OS does
			cmd:     getOld,
			rc:      "16227, Error Code = 00010",
			msg:     `ZFT0105W 227 reply names 127.0.0.2, not the server's address 127.0.0.1\nZFT0110E data connection to 127.0.0.2:\d+: .*connection refused`,
			usable:  true,
		},
		{
			name:   "pasv_foreign_host_default",
			fault:  "227 reply naming a foreign host (127.0.0.2), PASSIVEIGNOREADDR not coded (issue 14 item 3)",
			server: []ftptest.Option{ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2))},
			args:   []string{"--passive"},
			cmd:    "get f.bin $TMP/new.bin",
			msg:    `ZFT0105W 227 reply names 127.0.0.2, not the server's address 127.0.0.1; connecting to 127.0.0.1`,
			usable: true,
			files:  []string{"new.bin"},
		},
		{
			name:   "pasv_port_zero",
			fault:  "227 reply naming port 0",
			faults: ftpd.Faults{PassivePortZero: true},
			args:   []string{"--passive"},
			cmd:    getOld,
			rc:     "16227, Error Code = 00010",
			msg:    `ZFT0110E data connection: malformed reply: server named port 0`,
			usable: true,
		},
		{
			name:    "epsv_privileged_port",
			fault:   "229 reply naming a privileged port",
			faults:  ftpd.Faults{PassivePort: 21},
			ftpData: "EPSV4 TRUE\n",
			cmd:     getOld,
			rc:      "16229, Error Code = 00010",
			msg:     `ZFT0110E data connection to 127.0.0.1:21: .*connection refused`,
			usable:  true,
		},
		{
			name:    "active_foreign_source",
			fault:   "data connection from another address in active mode",
			faults:  ftpd.Faults{ActiveSource: net.IPv4(127, 0, 0, 2)},
			ftpData: "DCONNTIME 2\n", // bounds the wait; see active_foreign_source_prompt
			cmd:     getOld,
			// The server's write to the refused connection may fail (426)
			// or not (250); the client fails either way.
			rc:     "16(426, Error Code = 00002|250, Error Code = 00010)",
			msg:    `ZFT0105W data connection from 127.0.0.2:\d+ refused: the server is 127.0.0.1`,
			usable: true,
		},
		{
			name:   "active_foreign_source_prompt",
			fault:  "data connection from another address in active mode, default DCONNTIME",
			faults: ftpd.Faults{ActiveSource: net.IPv4(127, 0, 0, 2)},
			cmd:    getOld,
			rc:     "16(426, Error Code = 00002|250, Error Code = 00010)",
			msg:    `ZFT0105W data connection from 127.0.0.2:\d+ refused: the server is 127.0.0.1`,
			usable: true,
		},
		{
			name:  "mget_hostile_names",
			fault: "server file names with ../, absolute paths, NUL or control characters in MGET/LS output",
			faults: ftpd.Faults{NameList: []string{
				"../escape.txt", absName, "nul\x00name", "esc\x1b[2Jname", "sub/../../up.txt", "..", "ok.txt",
			}},
			cmd: "mget *",
			rc:  "22250, Error Code = 00018",
			msg: `ZFT0119E "\.\./escape\.txt": name refused: it names a directory path\n` +
				`ZFT0119E ` + regexp.QuoteMeta(strconv.Quote(absName)) + `: name refused: it names a directory path\n` +
				`ZFT0119E "nul\\x00name": name refused: it holds NUL or control characters\n` +
				`ZFT0119E "esc\\x1b\[2Jname": name refused: it holds NUL or control characters\n` +
				`ZFT0119E "sub/\.\./\.\./up\.txt": name refused: it names a directory path\n` +
				`ZFT0119E "\.\.": name refused: not a file name\n`,
			usable: true,
			files:  []string{"ok.txt"},
			check: func(t *testing.T, tmp, _ string) {
				for _, p := range []string{absName, filepath.Join(filepath.Dir(tmp), "escape.txt"), filepath.Join(filepath.Dir(tmp), "up.txt")} {
					if _, err := os.Lstat(p); err == nil {
						os.Remove(p)
						t.Errorf("MGET wrote outside the local directory: %s", p)
					}
				}
				if got := string(readLocal(t, tmp, "ok.txt")); got != platformtest.LocalText("fine\n") {
					t.Errorf("ok.txt = %q", got)
				}
			},
		},
		{
			name:   "huge_list",
			fault:  "huge LIST output",
			faults: ftpd.Faults{ListExtraLines: 200000},
			cmd:    "dir",
			msg:    `zftpd-fault-0200000\n250 List completed successfully.`,
			usable: true,
			check: func(t *testing.T, _, out string) {
				if n := strings.Count(out, "zftpd-fault-"); n != 200000 {
					t.Errorf("%d listing lines, want 200000", n)
				}
			},
		},
		{
			name:   "rst_mid_transfer",
			fault:  "server RST on control mid-transfer",
			faults: ftpd.Faults{ResetControlAfter: 4096},
			cmd:    getOld,
			rc:     "16125, Error Code = 00010",
			msg:    `ZFT0110E RETR f.bin: (final reply|data connection): .*connection reset by peer\nZFT0112E`,
		},
		{
			name:   "hangup_on_retr",
			fault:  "server RST on control instead of a reply",
			faults: ftpd.Faults{HangUpFor: []string{"RETR"}},
			cmd:    getOld,
			rc:     "16200, Error Code = 00010",
			msg:    `ZFT0110E read reply: .*connection reset by peer\nZFT0112E`,
		},
		{
			name:   "data_closed_early_426",
			fault:  "data closed early (426)",
			faults: ftpd.Faults{DropDataAfter: 4096},
			cmd:    getOld,
			rc:     "16426, Error Code = 00002",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
		{
			name:   "data_closed_early_226",
			fault:  "data closed early, the server still says 226 (short against the 150's byte count)",
			faults: ftpd.Faults{DropDataAfter: 4096, DropDataQuietly: true},
			plain:  true,
			cmd:    "binary\n" + getOld,
			rc:     "16226, Error Code = 00010",
			msg:    `226 Transfer complete\nZFT0110E RETR f.bin: transfer incomplete: the server announced 1048576 bytes and sent 4096`,
			usable: true,
		},
		{
			name:   "tls_no_close_notify",
			fault:  "TLS data ended without close_notify",
			faults: ftpd.Faults{NoCloseNotify: true},
			tls:    true,
			cmd:    getOld,
			rc:     "16250, Error Code = 00010",
			msg:    `250 Transfer completed successfully.\nZFT0110E RETR f.bin: the TLS data connection ended without close_notify; the data may be truncated`,
			usable: true,
		},
		{
			name:   "start_then_451",
			fault:  "1xx followed by 4xx",
			faults: ftpd.Faults{FailAfterStart: "451 disk gone"},
			cmd:    getOld,
			rc:     "16451, Error Code = 00002",
			msg:    `125 Sending data set /f.bin\n451 disk gone`,
			usable: true,
		},
		{
			name:   "start_data_then_451",
			fault:  "1xx, all the data, then 4xx",
			faults: ftpd.Faults{ClosingReplyAfterData: true},
			cmd:    getOld,
			rc:     "16451, Error Code = 00002",
			msg:    `451 Requested action aborted: local error in processing.`,
			usable: true,
		},
		{
			name:   "start_then_550",
			fault:  "1xx followed by 5xx",
			faults: ftpd.Faults{FailAfterStart: "550 gone while opening"},
			cmd:    getOld,
			rc:     "16550, Error Code = 00002",
			msg:    `125 Sending data set /f.bin\n550 gone while opening`,
			usable: true,
		},
		protRefusedRow("prot_534", "534 PROT P refused by policy", "PROT"),
		protRefusedRow("prot_536", "536 Requested PROT level not supported", "PROT"),
		protRefusedRow("pbsz_refused", "500 unknown command PBSZ", "PBSZ"),
		{
			name:   "data_handshake_skipped",
			fault:  "PROT P in force, the server sends data without the data connection's TLS handshake (issue 14 item 1)",
			faults: ftpd.Faults{ClearDataUnderProtP: true},
			tls:    true,
			cmd:    getOld,
			// The handshake fails: error code 17 and ZFT0128E, even when
			// the server's 426 for the dropped connection races it;
			// nothing is read in clear.
			rc:     "16(125|250|426), Error Code = 00017",
			msg:    `ZFT0128E The TLS handshake on the data connection failed \(.+\); no data was transferred\.`,
			usable: true,
		},
		{
			name:   "put_data_dropped",
			fault:  "a failed PUT is reported as failed (426 after a dropped upload)",
			faults: ftpd.Faults{DropDataAfter: 4096},
			local:  "up.bin",
			files:  []string{"up.bin"},
			cmd:    "put $TMP/up.bin up.bin",
			rc:     "27426, Error Code = 00002",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
	}
}

// protRefusedRow is a row of issue 14 item 1: the server refuses cmd
// (PROT P or its PBSZ) at login with reply. The OPEN fails as a security
// error (with -e the job ends there: return code 10yyy, error code 17);
// without -e, GET and DIR each fail with ZFT0127E, and no data command
// (nor PASV or PORT) is ever sent: nothing moves in clear.
func protRefusedRow(name, reply, cmd string) faultRow {
	code := reply[:3]
	return faultRow{
		name:   name,
		fault:  "SECURE_DATACONN PRIVATE, " + cmd + " answered " + code + " (issue 14 item 1)",
		faults: ftpd.Faults{ReplyCodeFor: map[string]string{cmd: reply}},
		tls:    true,
		cmd:    getOld + "\ndir",
		rc:     "10" + code + ", Error Code = 00017",
		msg: `(?s)ZFT0127E Data protection PRIVATE was refused by the server \(` + cmd + `: ` + regexp.QuoteMeta(reply) + `\); ` +
			`no data connection is opened until a PROTECT subcommand succeeds\.` +
			`.*EZA1736I get f\.bin .*\nZFT0127E .*EZA1736I dir\nZFT0127E `,
		usable: true,
		check: func(t *testing.T, _, out string) {
			for _, verb := range []string{"RETR", "LIST", "NLST", "PASV", "EPSV", "PORT", "EPRT"} {
				if strings.Contains(out, ">>> "+verb) {
					t.Errorf("%s sent after a refused %s:\n%s", verb, cmd, clip(out))
				}
			}
			if !strings.Contains(out, ">>> "+cmd) {
				t.Errorf("no >>> %s in the transcript:\n%s", cmd, clip(out))
			}
		},
	}
}

func TestFaultMatrix(t *testing.T) {
	rows := faultRows()
	if len(rows) < 15 {
		t.Fatalf("%d rows, issue 7 asks for at least 15", len(rows))
	}
	warmUp(t)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			runFaultRow(t, row)
			settleGoroutines(t, base)
		})
	}
}

// warmUp runs one clean session so that goroutines the runtime starts once
// (and keeps) are there before the first baseline.
func warmUp(t *testing.T) {
	srv := startServer(t, nil)
	tmp := t.TempDir()
	runFrontEnd(t, tmp, []string{"-w", "5", srv.Host, strconv.Itoa(srv.Port)}, srv.User+"\n"+srv.Password+"\npwd\nquit\n")
	srv.Close()
}

// checkReturnCode checks the EZA1735I line of a run with -e against the
// regexp rc and the exit status against the code the line shows; rc ""
// means the run succeeds: no EZA1735I and status 0.
func checkReturnCode(t *testing.T, rc, out string, status int) {
	t.Helper()
	if rc == "" {
		if status != 0 || strings.Contains(out, "EZA1735I") {
			t.Errorf("-e: status %d, want success:\n%s", status, clip(out))
		}
		return
	}
	m := regexp.MustCompile(`EZA1735I Std Return Code = ((\d{5}), Error Code = (\d{5}))`).FindStringSubmatch(out)
	if m == nil {
		t.Errorf("-e: no EZA1735I line:\n%s", clip(out))
		return
	}
	if !regexp.MustCompile(`^(` + rc + `)$`).MatchString(m[1]) {
		t.Errorf("-e: EZA1735I Std Return Code = %s, want %s", m[1], rc)
	}
	std, _ := strconv.Atoi(m[2])
	if std == 0 { // no subcommand code and no reply (a usage error): the error code is the status
		std, _ = strconv.Atoi(m[3])
	}
	if want := exitStatusOf(std); status != want {
		t.Errorf("-e: exit status %d, want %d (%d mod 256)", status, want, std)
	}
}

// settleGoroutines fails unless the goroutine count falls back to base
// within a few seconds.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("goroutines: %d, want at most %d\n%s", runtime.NumGoroutine(), base, buf)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func runFaultRow(t *testing.T, row faultRow) {
	opts := []ftptest.Option{ftptest.WithFaults(row.faults)}
	if !row.plain {
		opts = append(opts, ftptest.WithIBM())
	}
	switch {
	case row.tls && row.implicit:
		opts = append(opts, ftptest.WithTLS(client.Implicit))
	case row.tls:
		opts = append(opts, ftptest.WithTLS(client.ExplicitAllowed))
	}
	caFile := ""
	if row.tlsName != "" {
		ca := tlstest.NewCA(t, "fault matrix CA")
		leaf := ca.Issue(t, row.tlsName, tlstest.LeafOptions{Hosts: []string{row.tlsName}})
		caFile = tlstest.WriteFile(t, t.TempDir(), "ca.pem", ca.CertPEM)
		opts = append(opts, ftptest.WithCertificate(leaf.TLSCertificate(t)))
	}
	opts = append(opts, row.server...)
	newServer := func() *ftptest.Server {
		srv := ftptest.NewServer(t, opts...)
		srv.WriteFile(t, "f.bin", faultPayload)
		srv.WriteFile(t, "ok.txt", []byte("fine\n"))
		return srv
	}
	srv := newServer()
	defer func() { srv.Close() }()
	wait := row.wait
	if wait == 0 {
		wait = 5
	}
	for _, exitOnError := range []bool{true, false} {
		if row.serverPerRun && !exitOnError {
			srv.Close()
			srv = newServer()
		}
		caFile := caFile
		if caFile == "" {
			caFile = srv.CAFile
		}
		tmp := t.TempDir()
		writeLocal(t, tmp, "old.bin", []byte(oldContent))
		args := []string{"-v", "-w", strconv.Itoa(wait)}
		if exitOnError {
			args = append(args, "-e")
		}
		if row.local != "" {
			writeLocal(t, tmp, row.local, faultPayload)
		}
		if row.prepare != nil {
			row.prepare(t, srv, tmp)
		}
		expand := strings.NewReplacer("$USER", srv.User, "$PASS", srv.Password,
			"$HOST", srv.Host, "$PORT", strconv.Itoa(srv.Port), "$TMP", tmp, "$CA", caFile).Replace
		ftpData := expand(row.ftpData)
		switch {
		case row.tls && row.implicit:
			ftpData += "KEYRING " + caFile + "\nSECURE_DATACONN PRIVATE\nTLSPORT " + strconv.Itoa(srv.Port) + "\nSECUREIMPLICITZOS FALSE\n"
		case row.tls:
			keyring := caFile
			if row.keyring != "" {
				keyring = expand(row.keyring)
			}
			ftpData += "KEYRING " + keyring + "\nSECURE_DATACONN PRIVATE\n"
			args = append(args, "-r", "TLS")
		}
		if ftpData != "" {
			writeLocal(t, tmp, "ftp.data", []byte(ftpData))
			args = append(args, "-f", filepath.Join(tmp, "ftp.data"))
		}
		if row.netrc != "" {
			writeLocal(t, tmp, "netrc", []byte(expand(row.netrc)))
			if err := os.Chmod(filepath.Join(tmp, "netrc"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range row.args {
			args = append(args, expand(a))
		}
		input := srv.User + "\n" + srv.Password + "\n" + expand(row.cmd) + "\npwd\nquit\n"
		if row.input != "" {
			input = expand(row.input)
		} else {
			args = append(args, srv.Host, strconv.Itoa(srv.Port))
		}
		run := runFrontEnd
		if row.exec != nil {
			run = row.exec
		}
		within := row.within
		if within == 0 {
			within = time.Duration(wait+10) * time.Second
		}
		start := time.Now()
		out, errOut, status := run(t, tmp, args, input)
		if d := time.Since(start); d > within {
			t.Errorf("-e=%v: the run took %v, over its bound of %v", exitOnError, d, within)
		} else if testing.Verbose() {
			t.Logf("-e=%v: the run took %v", exitOnError, d.Round(time.Millisecond))
		}
		for _, secret := range append([]string{srv.Password}, row.secrets...) {
			if strings.Contains(out+errOut, secret) {
				t.Errorf("-e=%v: a password (%q) in the output:\n%s\nstderr:\n%s", exitOnError, secret, clip(out), errOut)
			}
		}
		// every byte from the server reaches stdout and stderr escaped (issue 14 item 6)
		assertNoControls(t, "stdout", out)
		assertNoControls(t, "stderr", errOut)
		if testing.Verbose() {
			t.Logf("-e=%v status %d\n%s\nstderr:\n%s", exitOnError, status, clip(out), errOut)
		}
		if exitOnError {
			checkReturnCode(t, row.rc, out, status)
		} else {
			if row.msg != "" && !osFaultMessage(row.name, row.msg).MatchString(out) {
				t.Errorf("transcript does not match %q:\n%s", row.msg, clip(out))
			}
			after := out
			if i := strings.LastIndex(out, "EZA1736I pwd"); i >= 0 {
				after = out[i:]
			} else {
				t.Errorf("no PWD echoed:\n%s", clip(out))
			}
			pwdOK := regexp.MustCompile(`(?m)^257 `).MatchString(after)
			switch {
			case row.pwdReply != "":
				if !regexp.MustCompile(row.pwdReply).MatchString(after) {
					t.Errorf("the PWD after the fault does not match %q:\n%s", row.pwdReply, clip(out))
				}
			case row.usable && !pwdOK:
				t.Errorf("session not usable after the fault:\n%s", clip(out))
			case !row.usable && pwdOK:
				t.Errorf("PWD worked after a fault that should end the connection:\n%s", clip(out))
			case !row.usable && !strings.Contains(after, "EZA1457I You must first issue the 'OPEN' command"):
				t.Errorf("the transcript does not say the connection is lost:\n%s", clip(out))
			}
		}
		if got := string(readLocal(t, tmp, "old.bin")); got != oldContent {
			t.Errorf("-e=%v: old file changed: %d bytes", exitOnError, len(got))
		}
		want := append([]string{"old.bin"}, row.files...)
		if row.tls || row.ftpData != "" {
			want = append(want, "ftp.data")
		}
		if row.netrc != "" {
			want = append(want, "netrc")
		}
		assertFiles(t, tmp, want)
		if row.check != nil {
			row.check(t, tmp, out)
		}
	}
}

// assertFiles fails unless dir holds exactly the names in want (and the
// directories the test environment may create).
func assertFiles(t *testing.T, dir string, want []string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		if e.IsDir() && (e.Name() == "config" || e.Name() == "home") {
			continue
		}
		got = append(got, e.Name())
	}
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("local directory holds %q, want %q (no partial or temporary file)", got, want)
	}
}

// clip shortens a transcript for a failure message.
func clip(s string) string {
	const max = 6000
	if len(s) <= max {
		return s
	}
	return s[:max/2] + "\n[...]\n" + s[len(s)-max/2:]
}

// exitStatusOf is the exit status for standard return code rc: modulo
// 256, never 0 for a failure.
func exitStatusOf(rc int) int {
	if rc == 0 {
		return 0
	}
	if s := rc % 256; s != 0 {
		return s
	}
	return 255
}
