package transcript

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func reply(lines ...string) client.Event {
	code := 0
	for _, c := range lines[0][:3] {
		code = code*10 + int(c-'0')
	}
	return client.ReplyReceived{Reply: &client.Reply{Code: code, Lines: lines}}
}

// step is one thing that happens in a scenario: an engine event, or a
// front-end call on the Writer.
type step func(w *Writer)

func ev(e client.Event) step { return func(w *Writer) { w.Observe(e) } }
func msg(id ID, args ...any) step {
	return func(w *Writer) { w.Printf(id, args...) }
}
func raw(s string) step { return func(w *Writer) { w.Raw(s) } }

// loginIBM is the sample of issue 4 (from IBM material): a z/OS client
// logging on to a z/OS server and issuing PWD, from batch input.
var loginIBM = []step{
	ev(client.Connecting{Host: "localhost.raleigh.ibm.com", Addr: "127.0.0.1", Port: 21}),
	ev(client.Connected{Local: "127.0.0.1:1030", Remote: "127.0.0.1:21"}),
	ev(reply("220-FTPD1 IBM FTP CS V2R8 at MVS054, 19:52:20 on 2013-06-18.",
		"220 Connection will close if idle for more than 12 minutes.")),
	msg(MsgNamePrompt, "loopback", "TIFFANY"),
	ev(client.CommandSent{Verb: "USER", Line: "USER tiffany"}),
	ev(reply("331 Send password please.")),
	msg(MsgPasswordPrompt),
	ev(client.CommandSent{Verb: "PASS", Line: "PASS"}),
	ev(reply(`230 TIFFANY is logged on. Working directory is "TIFFANY".`)),
	msg(MsgCommandPrompt),
	msg(MsgInputEcho, "pwd"),
	ev(client.CommandSent{Verb: "PWD", Line: "PWD"}),
	ev(reply(`257 "'TIFFANY.'" is working directory.`)),
}

// putGet is reference §6.3 without its unverified server texts: binary
// PUT and GET with the EZA1617I lines.
var putGet = []step{
	msg(MsgCommandPrompt),
	msg(MsgInputEcho, "binary"),
	ev(client.CommandSent{Verb: "TYPE", Line: "TYPE I"}),
	ev(reply("200 Representation type is Image")),
	msg(MsgCommandPrompt),
	msg(MsgInputEcho, "put /tmp/data.bin data.bin"),
	ev(client.CommandSent{Verb: "PORT", Line: "PORT 10,1,1,9,195,80"}),
	ev(reply("200 Port request OK.")),
	ev(client.CommandSent{Verb: "STOR", Line: "STOR data.bin"}),
	ev(reply("125 Storing data set /u/ibmuser/data.bin")),
	ev(client.TransferStarted{Command: "STOR", Name: "data.bin"}),
	ev(client.TransferProgress{Bytes: 524288}),
	ev(client.TransferProgress{Bytes: 1048576}),
	ev(reply("250 Transfer completed successfully.")),
	ev(client.TransferFinished{Command: "STOR", Name: "data.bin", Bytes: 1048576, Duration: 120 * time.Millisecond}),
	msg(MsgCommandPrompt),
	msg(MsgInputEcho, "get data.bin /tmp/copy.bin"),
	ev(client.CommandSent{Verb: "PORT", Line: "PORT 10,1,1,9,195,81"}),
	ev(reply("200 Port request OK.")),
	ev(client.CommandSent{Verb: "RETR", Line: "RETR data.bin"}),
	ev(reply("125 Sending data set /u/ibmuser/data.bin")),
	ev(reply("250 Transfer completed successfully.")),
	ev(client.TransferFinished{Command: "RETR", Name: "data.bin", Bytes: 1048576, Duration: 80 * time.Millisecond}),
	msg(MsgCommandPrompt),
	msg(MsgInputEcho, "quit"),
	ev(client.CommandSent{Verb: "QUIT", Line: "QUIT"}),
	ev(reply("221 Quit command received. Goodbye.")),
}

// listing is IBM's LS sample (IP Diagnosis Guide tutorial): EZA2284I per
// name and no EZA1617I after a listing.
var listing = []step{
	msg(MsgCommandPrompt),
	raw("ls"),
	ev(client.CommandSent{Verb: "PORT", Line: "PORT 9,42,104,19,4,37"}),
	ev(reply("200 Port request OK.")),
	ev(client.CommandSent{Verb: "NLST", Line: "NLST"}),
	ev(reply("125 List started OK")),
	func(w *Writer) {
		l := w.Listing()
		l.Write([]byte("CTRACE.txt\r\nuser"))
		l.Write([]byte("36\nvbs.txt"))
		l.Flush()
	},
	ev(reply("250 List completed successfully.")),
	ev(client.TransferFinished{Command: "NLST", Bytes: 27, Duration: time.Millisecond}),
	msg(MsgCommandPrompt),
}

// exitOnError is the IBM tech note's failed TLS session ending with EZA1735I.
var exitOnError = []step{
	ev(client.CommandSent{Verb: "AUTH", Line: "AUTH TLS"}),
	ev(reply("234 AUTH TLS successful")),
	msg(MsgAuthFailed),
	msg(MsgAuthRequired),
	msg(MsgReturnCode, 10234, 17),
}

// hostile checks the defences: a PASS line that still carries a password,
// a quoted pass, and a warning.
var hostile = []step{
	ev(client.CommandSent{Verb: "PASS", Line: "PASS hunter2"}),
	ev(client.CommandSent{Verb: "pass", Line: "pass hunter2"}),
	msg(MsgCommandSent, "PASS hunter2"),
	msg(MsgCommandSent, "  pass\thunter2"),
	ev(client.Warning{Message: "227 reply names 10.9.9.9; connecting to 127.0.0.1 instead"}),
	ev(client.ReplyReceived{}),
}

// tlsSession is an explicit TLS login, a protected data connection (which
// prints nothing), and CCC with RFC 4217 close_notify.
var tlsSession = []step{
	ev(client.CommandSent{Verb: "AUTH", Line: "AUTH TLS"}),
	ev(reply("234 Security environment established - ready for negotiation")),
	ev(client.TLSHandshake{Conn: "control", Protocol: "TLSv1.3", Cipher: "TLS_AES_128_GCM_SHA256"}),
	ev(client.CommandSent{Verb: "USER", Line: "USER tiffany"}),
	ev(reply("331 Send password please.")),
	ev(client.CommandSent{Verb: "PASS", Line: "PASS"}),
	ev(reply("230 TIFFANY is logged on.")),
	ev(client.TLSHandshake{Conn: "data", Protocol: "TLSv1.3", Cipher: "TLS_AES_128_GCM_SHA256", Resumed: true}),
	ev(client.CommandSent{Verb: "CCC", Line: "CCC"}),
	ev(reply("200 CCC command successful")),
	ev(client.ControlCleared{Mode: client.CCCRFC4217}), // prints nothing: the interpreter prints ZFT0115I
	msg(MsgControlCleared, "RFC4217"),
	msg(MsgControlCleared, "CCCNONOTIFY"),
}

var scenarios = []struct {
	name   string
	source string
	opts   Options
	steps  []step
}{
	{"login_verbose", "issue 4 sample (IBM material): z/OS client in verbose mode logging on and issuing PWD", Options{Verbose: true}, loginIBM},
	{"login_quiet", "same sample with verbose off: z/OS UNIX shows no message IDs (IP Programmer's Guide, FTP client API messages); without an ID a command is \">>>VERB\" (IP User's Guide examples: >>>PWD, >>>DELE etchost, >>>SITE file=jes)", Options{}, loginIBM},
	{"login_msgids", "same sample, verbose off but --msgids (batch-style IDs always shown)", Options{AlwaysShowIDs: true}, loginIBM},
	{"putget_verbose", "reference 6.3 composite (unverified server texts) and EZA1617I sample spacing (public TSO transcript)", Options{Verbose: true}, putGet},
	{"ls_verbose", "IP Diagnosis Guide tutorial \"Diagnosing FTP client problems\": LS output as EZA2284I lines, no EZA1617I", Options{Verbose: true}, listing},
	{"exit_verbose", "IBM tech note \"FTP Client fails with EZA2897I\" and IP Messages Vol 1 EZA1735I", Options{Verbose: true}, exitOnError},
	{"tls_verbose", "reference zos-security 2 wire sequence; ZFT0114I/ZFT0115I are zftp's (no z/OS message found, unverified)", Options{Verbose: true}, tlsSession},
	{"hostile_verbose", "zftp defences: PASS never shows its argument; engine warnings as ZFT0105W", Options{Verbose: true}, hostile},
}

func TestGolden(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := New(&buf, sc.opts)
			for _, s := range sc.steps {
				s(w)
			}
			if err := w.Err(); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "hunter2") {
				t.Fatalf("password in transcript:\n%s", buf.String())
			}
			path := filepath.Join("testdata", sc.name+".golden")
			if *update {
				head := "# " + sc.source + "\n"
				if err := os.WriteFile(path, []byte(head+buf.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != stripHeader(string(want)) {
				t.Errorf("transcript differs from %s\n--- got\n%s--- want\n%s", path, got, stripHeader(string(want)))
			}
		})
	}
}

// stripHeader drops the leading "# " lines that say where a golden file's
// lines come from.
func stripHeader(s string) string {
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
}

func TestVerboseToggle(t *testing.T) {
	var buf bytes.Buffer
	w := New(&buf, Options{})
	w.Printf(MsgCommandPrompt)
	w.SetVerbose(true)
	if !w.Verbose() || !w.ShowsIDs() {
		t.Fatal("verbose not on")
	}
	w.Printf(MsgIDsShown)
	w.Printf(MsgCommandPrompt)
	w.SetVerbose(false)
	w.Printf(MsgIDsHidden)
	w.Printf(MsgCommandPrompt)
	want := "Command:\nEZA2859I Message IDs are displayed when running in z/OS UNIX\nEZA1460I Command:\n" +
		"Message IDs are not displayed when running in z/OS UNIX\nCommand:\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestWriteErrorKeptAndLaterLinesDropped(t *testing.T) {
	f := &failWriter{}
	w := New(f, Options{})
	w.Raw("one")
	w.Raw("two")
	if w.Err() == nil || !strings.Contains(w.Err().Error(), "disk full") {
		t.Fatalf("Err = %v", w.Err())
	}
	if f.n != 1 {
		t.Fatalf("wrote %d times after an error, want 1", f.n)
	}
}

func TestListingLongLineBounded(t *testing.T) {
	var buf bytes.Buffer
	l := New(&buf, Options{}).Listing()
	l.Write(bytes.Repeat([]byte("x"), maxListingLine+10))
	if len(l.partial) != 0 {
		t.Fatalf("partial line kept %d bytes", len(l.partial))
	}
	l.Write([]byte("y\n"))
	if got := strings.Count(buf.String(), "\n"); got != 2 {
		t.Fatalf("%d lines, want 2", got)
	}
}

func TestConcurrentLinesStayWhole(t *testing.T) {
	var buf bytes.Buffer
	w := New(&buf, Options{Verbose: true})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				w.Observe(client.CommandSent{Verb: "NOOP", Line: "NOOP"})
			}
		}()
	}
	wg.Wait()
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if l != "EZA1701I >>> NOOP" {
			t.Fatalf("torn line %q", l)
		}
	}
}

func TestEscapeCaret(t *testing.T) {
	for in, want := range map[string]string{
		"226 Transfer complete":    "226 Transfer complete",
		"a\tb":                     "a\tb",
		"250 \x1b[2Jgotcha":        "250 ^[[2Jgotcha",
		"name\x00with\x7fcontrols": "name^@with^?controls",
		"café":                     "café",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestServerTextEscaped: reply lines, listing lines and message arguments
// from a server are escaped (C0 in caret notation, C1 as \u009b, invalid
// UTF-8 as \xNN); the echo of an input line is not.
func TestServerTextEscaped(t *testing.T) {
	const hostile = "a\x1b[2Jb\x9bc\u009bd\u009de"
	const want = `a^[[2Jb\x9bc\u009bd\u009de`
	var buf bytes.Buffer
	w := New(&buf, Options{AlwaysShowIDs: true})
	w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 250, Lines: []string{"250 " + hostile}}})
	l := w.Listing()
	l.Write([]byte(hostile + "\r\n"))
	w.Printf(MsgCommandFailed, errors.New(hostile))
	w.Printf(MsgEngineWarning, hostile)
	w.Observe(client.CommandSent{Verb: "DELE", Line: "DELE " + hostile})
	got := buf.String()
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if !strings.Contains(line, want) {
			t.Errorf("line %q does not hold the escaped text %q", line, want)
		}
	}
	buf.Reset()
	w.Printf(MsgInputEcho, "quote SITE a\x01b")
	if buf.String() != "EZA1736I quote SITE a\x01b\n" {
		t.Errorf("input echo = %q, want it verbatim", buf.String())
	}
}

// TestReplyOmitted: a reply whose middle lines were not kept is followed
// by one ZFT0129I line saying how many.
func TestReplyOmitted(t *testing.T) {
	var buf bytes.Buffer
	w := New(&buf, Options{Verbose: true})
	w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 211, Lines: []string{"211-Status", "211 End"}, Omitted: 99998}})
	want := "211-Status\n211 End\nZFT0129I 99998 more lines of this reply were not kept.\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 200, Lines: []string{"200 OK"}}})
	if buf.String() != "200 OK\n" {
		t.Errorf("got %q for a whole reply", buf.String())
	}
}

// TestMaskCommand: PASS loses its argument whatever the case and blanks;
// other commands, ACCT included (IBM hides only the password), are kept.
func TestMaskCommand(t *testing.T) {
	for in, want := range map[string]string{
		"PASS secret":   "PASS",
		"pass\tsecret":  "PASS",
		"  Pass  x":     "PASS",
		"ACCT acct1":    "ACCT acct1",
		"acct\tx":       "acct\tx",
		"PASS":          "PASS",
		"PASSWORD x":    "PASSWORD x",
		"ACCTX y":       "ACCTX y",
		"SITE PASS x":   "SITE PASS x",
		"RETR acct.txt": "RETR acct.txt",
	} {
		if got := MaskCommand(in); got != want {
			t.Errorf("MaskCommand(%q) = %q, want %q", in, got, want)
		}
	}
}
