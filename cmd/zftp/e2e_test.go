package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/ftpd"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// session is one end-to-end run of the front end against a test server.
type session struct {
	name   string   // golden file testdata/<name>.golden
	source string   // which IBM material the transcript's lines come from
	args   []string // options before host and port
	input  string   // stdin; $TMP is the local temporary directory
	status int      // expected exit status
	stderr string   // a text stderr must hold; "" = stderr must be empty
	faults *ftpd.Faults
	skip   string // reason to skip, while a known bug elsewhere is open
	setup  func(t *testing.T, srv *testServer, tmp string)
	check  func(t *testing.T, srv *testServer, tmp string)
	// zosOnly codes VERIFYSIZE FALSE (without an FTP.DATA file): the
	// transcript is a z/OS client's, byte for byte, with no FEAT or SIZE
	// before a binary GET.
	zosOnly bool
}

// payload is a binary file with every byte value, CR and LF included.
var payload = func() []byte {
	b := make([]byte, 70000)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}()

// login is the batch input that answers the NAME and PASSWORD prompts.
const login = "$USER\n$PASS\n"

var sessions = []session{
	{
		name:   "login_pwd_cd",
		source: "issue 4 sample (IBM material): login from batch input, EZA1460I then EZA1736I, PWD; CWD/CDUP lines as IP Diagnosis Guide tutorial",
		args:   []string{"-v"},
		input:  login + "pwd\ncd sub\npwd\ncdup\npwd\nquit\n",
		setup: func(t *testing.T, srv *testServer, _ string) {
			srv.write(t, "sub/x", []byte("x"))
		},
	},
	{
		name:   "login_quiet",
		source: "z/OS UNIX without -v: the same lines without message IDs (IP Programmer's Guide, FTP client API messages and replies); a command sent has no blank after >>> without its ID (IP User's Guide examples: >>>PWD, >>>DELE etchost, >>>SITE file=jes)",
		input:  login + "pwd\n",
	},
	{
		name:   "login_msgids",
		source: "--msgids: IDs always shown, as TSO and batch jobs show them (reference 0)",
		args:   []string{"--msgids"},
		input:  login + "noop\nquit\n",
	},
	{
		name:    "put_get_binary",
		zosOnly: true,
		source:  "reference 6.3 and the public TSO transcript for EZA1617I (bytes, 3-decimal seconds, Kbytes/sec)",
		args:    []string{"-v"},
		input: login + "binary\nput $TMP/data.bin data.bin\n" +
			"get data.bin $TMP/copy.bin\nquit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			writeLocal(t, tmp, "data.bin", payload)
		},
		check: func(t *testing.T, srv *testServer, tmp string) {
			if !bytes.Equal(srv.read(t, "data.bin"), payload) {
				t.Error("PUT: remote file differs")
			}
			if !bytes.Equal(readLocal(t, tmp, "copy.bin"), payload) {
				t.Error("GET: local copy differs")
			}
		},
	},
	{
		name:    "put_get_passive",
		zosOnly: true,
		source:  "as put_get_binary with --passive (FWFRIENDLY TRUE: PASV)",
		args:    []string{"-v", "--passive"},
		input: login + "bin\nput $TMP/data.bin data.bin\n" +
			"get data.bin $TMP/copy.bin\nquit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			writeLocal(t, tmp, "data.bin", payload)
		},
		check: func(t *testing.T, _ *testServer, tmp string) {
			if !bytes.Equal(readLocal(t, tmp, "copy.bin"), payload) {
				t.Error("GET: local copy differs")
			}
		},
	},
	{
		name:   "ls_dir",
		source: "IP Diagnosis Guide tutorial: LS lines as EZA2284I between the 125 and 250 replies, no EZA1617I",
		args:   []string{"-v"},
		input:  login + "ls\ndir\nquit\n",
		setup: func(t *testing.T, srv *testServer, _ string) {
			srv.write(t, "a.txt", []byte("a"))
			srv.write(t, "b.txt", []byte("b"))
		},
	},
	{
		name:   "get_missing",
		source: "IP User's Guide: a failed GET ends at the server's 550 reply; the existing local file is kept even with (REPLACE (issue 7)",
		args:   []string{"-v"},
		input:  login + "get nosuch.txt $TMP/keep.txt (replace\nquit\n",
		setup: func(t *testing.T, _ *testServer, tmp string) {
			writeLocal(t, tmp, "keep.txt", []byte("precious"))
		},
		check: func(t *testing.T, _ *testServer, tmp string) {
			if got := string(readLocal(t, tmp, "keep.txt")); got != "precious" {
				t.Errorf("failed GET changed the local file: %q", got)
			}
			assertNoTemp(t, tmp)
		},
	},
	{
		name:   "unknown_subcommand",
		source: "zftp's ZFT0101E (z/OS wording not found); the session goes on, as z/OS does",
		args:   []string{"-v", "-e"},
		input:  login + "frobnicate now\npwd\nquit\n",
	},
	{
		name:    "abbreviations",
		zosOnly: true,
		source:  "IP User's Guide \"FTP subcommands\": minimum abbreviations BINary, Get, CD; S is ambiguous (code 01 AMBIGUOUS, ftpsubc)",
		args:    []string{"-v", "-e"},
		input: login + "bin\ncd sub\ng f.txt $TMP/f.txt\ns\n" +
			"cdu\npw\nqui\n",
		setup: func(t *testing.T, srv *testServer, _ string) {
			srv.write(t, "sub/f.txt", []byte("hello\n"))
		},
		check: func(t *testing.T, _ *testServer, tmp string) {
			if got := string(readLocal(t, tmp, "f.txt")); got != "hello\n" {
				t.Errorf("g: got %q", got)
			}
		},
	},
	{
		name:   "exit_failed_get",
		source: "IP Messages Vol 1 EZA1735I; IP User's Guide \"FTP return codes\": GET (16) with reply 550 gives 16550, error code 02 FTP_SERVER_ERROR",
		args:   []string{"-v", "-e"},
		input:  login + "get nosuch.txt $TMP/x\npwd\nquit\n",
		status: 16550 % 256,
	},
	{
		name:   "exit_put_missing_local",
		source: "reference 4.2: PUT failing before any reply gives 27000 (classic OS/390 note); error code 18 FTP_FILE_ACCESS (unverified mapping)",
		args:   []string{"-v", "-e"},
		input:  login + "put $TMP/none.bin\nquit\n",
		status: 27000 % 256,
	},
	{
		name:   "wrong_password_exit",
		source: "IP User's Guide client error code 11 FTP_LOGIN_FAILED; OPEN (10) with reply 530 gives 10530",
		args:   []string{"-v", "-e"},
		input:  "$USER\nwrong-pw\npwd\n",
		status: 10530 % 256,
	},
	{
		name:   "no_autologin",
		source: "-n: no NAME prompt; USER and PASS subcommands (IP User's Guide USer, PAss); the password is not echoed",
		args:   []string{"-v", "-n"},
		input:  "user $USER $PASS\npwd\nclose\npwd\nquit\n",
	},
	{
		name:   "verbatim_tabs",
		source: "issue 4: batch lines are read verbatim; tabs and control characters reach the server as typed; trailing blanks are record padding and removed (issue 25 item 12)",
		args:   []string{"-v"},
		input:  login + "quote SITE a\tb\x01c \r\nsite x\ty\nquit",
	},
}

func TestEndToEnd(t *testing.T) {
	for _, s := range append(sessions, moreSessions...) {
		t.Run(s.name, func(t *testing.T) {
			if s.skip != "" {
				t.Skip(s.skip)
			}
			srv := startServer(t, s.faults)
			tmp := t.TempDir()
			if s.setup != nil {
				s.setup(t, srv, tmp)
			}
			expand := strings.NewReplacer("$TMP", tmp, "$USER", srv.User, "$PASS", srv.Password).Replace
			// -w bounds each wait, so that a broken server fails the test
			// quickly instead of hanging it.
			args := []string{"-w", "20"}
			for _, a := range s.args {
				args = append(args, expand(a))
			}
			args = append(args, srv.Host, strconv.Itoa(srv.Port))
			out, errOut, status := runFrontEndWith(t, tmp, args, expand(s.input), s.statements())
			if strings.Contains(out, srv.Password) || strings.Contains(errOut, srv.Password) || strings.Contains(out, "wrong-pw") {
				t.Fatalf("password in output:\n%s\nstderr:\n%s", out, errOut)
			}
			if status != s.status {
				t.Errorf("exit status %d, want %d", status, s.status)
			}
			if s.stderr == "" && errOut != "" || !strings.Contains(errOut, s.stderr) {
				t.Errorf("stderr: %q, want %q", errOut, s.stderr)
			}
			got := normalise(out, tmp)
			compareGolden(t, s.name, s.source, got)
			if s.check != nil {
				s.check(t, srv, tmp)
			}
		})
	}
}

// runFrontEnd runs the front end in-process with stdin from input, in
// the local directory tmp, with no FTP.DATA or netrc but the test's own.
func runFrontEnd(t *testing.T, tmp string, args []string, input string) (stdout, stderr string, status int) {
	t.Helper()
	return runFrontEndWith(t, tmp, args, input, nil)
}

// runFrontEndWith is runFrontEnd with FTP.DATA statements ("NAME VALUE")
// coded over the settings, without an FTP.DATA file.
func runFrontEndWith(t *testing.T, tmp string, args []string, input string, statements []string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := testEnv(t, tmp)
	env.stdin, env.stdout, env.stderr, env.workDir = strings.NewReader(input), &out, &errOut, tmp
	env.statements = statements
	status = run(args, env)
	return out.String(), errOut.String(), status
}

// statements returns the statements the session codes over its settings.
func (s session) statements() []string {
	if s.zosOnly {
		return []string{"VERIFYSIZE FALSE"}
	}
	return nil
}

// normalisers replace what changes from run to run: ports, times, rates.
var normalisers = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`zftp \S+ \(IBM FTP CS compatible\)`), "zftp VERSION (IBM FTP CS compatible)"},
	{regexp.MustCompile(`port: \d+\.`), "port: PORT."},
	{regexp.MustCompile(`(Connected to [0-9.]+, port) \d+`), "$1 PORT"},
	{regexp.MustCompile(`PORT 127,0,0,1,\d+,\d+`), "PORT 127,0,0,1,P1,P2"},
	{regexp.MustCompile(`\(127,0,0,1,\d+,\d+\)`), "(127,0,0,1,P1,P2)"},
	{regexp.MustCompile(`\d\d:\d\d:\d\d on \d{4}-\d\d-\d\d`), "HH:MM:SS on YYYY-MM-DD"},
	{regexp.MustCompile(`[A-Z][a-z]{2} [ \d]\d (\d\d:\d\d| \d{4}) `), "MMM DD HH:MM "},
	// Go picks AES-GCM or ChaCha20 for TLS 1.3 by the CPU's AES support.
	{regexp.MustCompile(`(Using TLSv1\.3 with) TLS_(AES_128_GCM_SHA256|CHACHA20_POLY1305_SHA256)`), "$1 TLS13_CIPHER"},
	{regexp.MustCompile(`in \d+\.\d{3} seconds\. Transfer rate \d+\.\d\d Kbytes/sec\.`), "in S.SSS seconds. Transfer rate R.RR Kbytes/sec."},
}

func normalise(s, tmp string) string {
	s = strings.ReplaceAll(s, tmp, "$TMP")
	for _, n := range normalisers {
		s = n.re.ReplaceAllString(s, n.repl)
	}
	return s
}

// compareGolden compares got with testdata/<name>.golden, whose leading
// "#" lines say where its lines come from; -update rewrites it.
func compareGolden(t *testing.T, name, source, got string) {
	t.Helper()
	path := goldenPath(name)
	got = osTranscript(got)
	if *update {
		head := "# " + source + "\n# normalised: ports, times, rates, $TMP\n"
		if err := os.WriteFile(path, []byte(head+got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(b)
	for strings.HasPrefix(want, "#") {
		_, want, _ = strings.Cut(want, "\n")
	}
	if !strings.HasSuffix(path, ".windows.golden") {
		want = osGolden(want)
	}
	if got != want {
		t.Errorf("transcript differs from %s\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func writeLocal(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readLocal(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertNoTemp fails if a GET left a temporary file behind.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".zftp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
