package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/internal/platformtest"
)

// moreSessions are the end-to-end sessions of settings, netrc, the full
// subcommand table and the security subcommands.
var moreSessions = []session{
	{
		name:   "login_netrc",
		source: "issue 4 item 6 and reference 1.2: autologin from netrc, no NAME or PASSWORD prompt; stdin at EOF ends the session as QUIT (IP User's Guide, batch)",
		args:   []string{"-v", "--netrc", "$TMP/netrc"},
		input:  "",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.writeNetrc(t, tmp, 0o600)
		},
	},
	{
		name: "netrc_batch_lines",
		source: "reference 1.2 (\"blank line in INPUT where a userid/password is expected means take it from NETRC\"): " +
			"after a netrc login, the user ID and password lines (or blank lines) a z/OS script holds are skipped unseen",
		args:  []string{"-v", "--netrc", "$TMP/netrc"},
		input: login + "pwd\nquit\n",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.writeNetrc(t, tmp, 0o600)
		},
	},
	{
		name:   "netrc_blank_lines",
		source: "reference 1.2: z/OS batch INPUT with blank lines for the user ID and password (\"take it from NETRC\"); they are skipped",
		args:   []string{"-v", "--netrc", "$TMP/netrc"},
		input:  "\n\npwd\nquit\n",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.writeNetrc(t, tmp, 0o600)
		},
	},
	{
		name:   "netrc_insecure",
		source: "issue 4 item 6: a netrc with a password that others can read is refused with a clear message (zftp's ZFT0117W); login goes on with the prompts",
		args:   []string{"-v", "--netrc", "$TMP/netrc"},
		input:  login + "quit\n",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.writeNetrc(t, tmp, 0o644)
		},
	},
	{
		name:   "pwd_cd_site",
		source: "IP Diagnosis Guide tutorial (CWD); IBM presentation \"Safe and Secure Transfers with z/OS FTP\" (EZA1736I site ..., EZA1701I >>> SITE ...)",
		args:   []string{"-v"},
		input:  login + "pwd\ncd sub\npwd\nsite umask 022\nquit\n",
		setup: func(t *testing.T, srv *testServer, _ string) {
			srv.write(t, "sub/x", []byte("x"))
		},
	},
	{
		name:   "get_exists",
		source: "IP User's Guide \"Get subcommand\": an existing local file is replaced only with (REPLACE; with SUNIQUE on, GET writes a new name (zftp: name.1)",
		args:   []string{"-v"},
		input:  login + "get f.txt $TMP/f.txt\nsunique\nget f.txt $TMP/f.txt\nquit\n",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.write(t, "f.txt", []byte("new\n"))
			writeLocal(t, tmp, "f.txt", []byte("old\n"))
		},
		check: func(t *testing.T, _ *testServer, tmp string) {
			if got := string(readLocal(t, tmp, "f.txt")); got != "old\n" {
				t.Errorf("f.txt replaced without (REPLACE: %q", got)
			}
			if got := string(readLocal(t, tmp, "f.txt.1")); got != platformtest.LocalText("new\n") {
				t.Errorf("SUNIQUE: f.txt.1 = %q", got)
			}
		},
	},
	{
		name:   "get_verified_size",
		source: "zftp extension VERIFYSIZE TRUE (default, issue 14): FEAT once, SIZE before each binary GET, in the transcript like any other command",
		args:   []string{"-v"},
		input:  login + "binary\nget a.bin $TMP/a.bin\nget b.bin $TMP/b.bin\nquit\n",
		setup: func(t *testing.T, srv *testServer, _ string) {
			srv.write(t, "a.bin", payload)
			srv.write(t, "b.bin", payload[:100])
		},
	},
	{
		name:    "mget_mput_mdelete",
		zosOnly: true,
		source:  "IP User's Guide MGet/MPut/MDelete (NLST, then one RETR, STOR or DELE per file); zftp refuses a name with '/' (ZFT0119E) and writes only in the local directory",
		args:    []string{"-v", "-i"},
		input:   login + "binary\nmget *.txt\nmget sub/*\nlcd out\nmput *.bin\nmdelete *.txt\nls\nquit\n",
		setup: func(t *testing.T, srv *testServer, tmp string) {
			srv.write(t, "a.txt", []byte("a"))
			srv.write(t, "b.txt", []byte("bb"))
			srv.write(t, "sub/c.dat", []byte("c"))
			os.Mkdir(filepath.Join(tmp, "out"), 0o755)
			writeLocal(t, filepath.Join(tmp, "out"), "x.bin", []byte("xyz"))
		},
		check: func(t *testing.T, srv *testServer, tmp string) {
			if string(readLocal(t, tmp, "a.txt")) != "a" || string(readLocal(t, tmp, "b.txt")) != "bb" {
				t.Error("MGET: local copies differ")
			}
			if string(srv.read(t, "x.bin")) != "xyz" {
				t.Error("MPUT: remote copy differs")
			}
			if _, err := os.Stat(srv.Path("a.txt")); err == nil {
				t.Error("MDELETE left a.txt")
			}
		},
	},
	{
		name:   "locsite_locstat",
		source: "reference 5.3: LOCSITE success is silent (public transcript: locsite rdw -> EZA1460I Command:; z/OS-only options print nothing in a batch job, issue 15); LOCSTAT lines per config.LocstatLines (wording partly V, IBM \"Verify FTP.DATA statements\")",
		args:   []string{"-v", "-n"},
		input:  "locsite fwfriendly epsv4 tlsrfclevel=rfc4217\nlocsite rdw\nlocsite nosuchoption\nlocstat tlsrfclevel\nlocstat\nquit\n",
	},
	{
		name:   "ftpdata",
		source: "IP User's Guide \"Interpreting FTP client output\" (EZY2640I first); IP Diagnosis Guide \"Enabling or suppressing message EZYFT47I\" (server statement warned)",
		args:   []string{"-v", "-f", "$TMP/ftp.data"},
		input:  login + "quit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			writeLocal(t, tmp, "ftp.data", []byte("; zftp test\nFWFRIENDLY TRUE\nANONYMOUS TRUE\nBLKSIZE 27998\nNOSUCHSTATEMENT 1\n"))
		},
	},
	{
		// IBM, IP User's Guide and Commands, "Interpreting FTP client
		// output": "EZYFT46E Error in 'USER1.FTP.DATA' file: line 580
		// near column 11." and the session goes on (EZA1554I Connecting
		// to ...). The other statements apply: FWFRIENDLY TRUE (PASV).
		name:   "ftpdata_error",
		source: "IP User's Guide \"Interpreting FTP client output\" (EZYFT46E, then the session goes on); the reason is zftp's ZFT0141W; FWFRIENDLY TRUE after the bad line still applies (PASV)",
		args:   []string{"-v", "-f", "$TMP/ftp.data"},
		input:  login + "put $TMP/data.bin data.bin\nlocstat inacttime\nquit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			writeLocal(t, tmp, "ftp.data", []byte("; one bad statement\nINACTTIME 5\nFWFRIENDLY TRUE\n"))
			writeLocal(t, tmp, "data.bin", []byte("data\n"))
		},
		check: func(t *testing.T, srv *testServer, _ string) {
			if string(srv.read(t, "data.bin")) != "data\n" {
				t.Error("PUT after an FTP.DATA error: remote file differs")
			}
		},
	},
	{
		// IBM, IP User's Guide and Commands: "ACCt subcommand" (acct is
		// ACCOUNT, code 03), "LCd subcommand" (EZA2578I Local directory
		// name set to hierarchical file ...), "STAtus subcommand" (status
		// from the FTP server: STAT only; LOCSTAT is the local one).
		name:   "zos_small_items",
		source: "IP User's Guide \"ACCt subcommand\", \"LCd subcommand\" (EZA2578I), \"STAtus subcommand\" (sends STAT, no local lines)",
		args:   []string{"-v"},
		input:  login + "acct D4711\nlcd sub\nstatus\nquit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			if err := os.Mkdir(filepath.Join(tmp, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
		},
	},
	{
		name:   "help",
		source: "IP User's Guide \"FTP subcommands\" (names with minimum abbreviations in capitals) and \"HElp and ? subcommands\"; help text is zftp's",
		args:   []string{"-v", "-n"},
		input:  "help\nhelp get\n? s\nhelp tso\nquit\n",
	},
	{
		// IBM, IP User's Guide and Commands, "HElp and ? subcommands":
		// "All: The client displays a description of all the subcommands
		// it implements"; "Server: Displays the help that the foreign
		// host offers for the specified command" (HELP sent to the
		// server, its reply shown). Not connected, HELP Server is refused
		// as the other server subcommands are.
		name:   "help_all_server",
		source: "IP User's Guide \"HElp and ? subcommands\" (HElp All: every subcommand with its description; HElp Server [command]: HELP sent to the server); descriptions are zftp's",
		args:   []string{"-v", "-n"},
		input:  "help all\nhelp server\nhelp s retr\nclose\nhelp server\nquit\n",
	},
	{
		name:   "zos_only",
		source: "issue 4 item 2: z/OS-only subcommands are recognised and answered \"not supported on this platform\" (zftp's ZFT0108E), not \"unknown\"",
		args:   []string{"-v", "-n"},
		input:  "tso listcat\nmvsget 'A.B' x\nbig5\nsrestart\nquit\n",
	},
	{
		name:   "zos_only_exit",
		source: "IP User's Guide \"FTP subcommand codes\": MVSGET's code was not retrieved (00) and no reply came, so EZA1735I shows 00000; the exit status is then the client error code (07 FTP_USAGE), never 0",
		args:   []string{"-v", "-n", "-e"},
		input:  "tso listcat\nmvsget 'A.B' x\nquit\n",
		status: 7, // FTP_USAGE
	},
	{
		name:   "security_plain",
		source: "IP User's Guide CCc, PRIvate, CLEar, SAfe subcommands; reference zos-security 3 (SAFE is Kerberos only); refusal texts are zftp's",
		args:   []string{"-v"},
		input:  login + "ccc\nprivate\nsafe\nprotect confidential\ncprotect safe\nmode b\nstru r\nquit\n",
	},
	{
		name:   "ccc_draft",
		source: "IP User's Guide \"CCc subcommand\" restrictions: supported only with TLSRFCLEVEL RFC4217 or CCCNONOTIFY; zftp's text",
		args:   []string{"-v"},
		input:  login + "ccc\nlocsite tlsrfclevel=rfc4217\nccc\nquit\n",
	},
	{
		name: "require_tls_refused",
		source: "IBM tech note \"FTP fails with EZA2897I\": EZA2897I, EZA2898I, EZA1735I Std Return Code = 10xxx, Error Code = 00017; " +
			"no USER or PASS is sent when -r TLS cannot be negotiated; the login lines are skipped unseen",
		args:   []string{"-v", "-e", "-r", "TLS"},
		input:  login + "pwd\n",
		faults: &ftpd.Faults{ReplyCodeFor: map[string]string{"AUTH": "534 Security mechanism not supported"}},
		status: 10534 % 256,
	},
	{
		name:   "debug_trace",
		source: "IP User's Guide DEBug subcommand, EZA2923I Active client traces; the trace itself (stderr, ZFT trace:) is zftp's and never shows a password",
		args:   []string{"-n"},
		input:  "debug\nuser $USER $PASS\ndebug\nquit\n",
		stderr: "ZFT trace: sent: PASS (password not shown)",
	},
}
