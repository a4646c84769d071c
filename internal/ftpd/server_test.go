package ftpd

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/platformtest"
)

func TestNewRefusesBadOptions(t *testing.T) {
	root := t.TempDir()
	tests := []struct {
		name string
		opts Options
	}{
		{"no root", Options{}},
		{"missing root", Options{Root: filepath.Join(root, "nope")}},
		{"all interfaces", Options{Root: root, Addr: "0.0.0.0:0"}},
		{"empty host", Options{Root: root, Addr: ":0"}},
		{"ipv6 any", Options{Root: root, Addr: "[::]:0"}},
		{"host name", Options{Root: root, Addr: "example.invalid:0"}},
		{"bad port range", Options{Root: root, PassivePorts: PortRange{Low: 10, High: 5}}},
		{"bad forced reply", Options{Root: root, Faults: Faults{ReplyCodeFor: map[string]string{"RETR": "oops"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(tt.opts)
			if err == nil {
				srv.Close()
				t.Fatal("New succeeded, want error")
			}
		})
	}
}

func TestParsePortRange(t *testing.T) {
	tests := []struct {
		in   string
		want PortRange
		ok   bool
	}{
		{"50000-50010", PortRange{50000, 50010}, true},
		{"1-1", PortRange{1, 1}, true},
		{"5-1", PortRange{}, false},
		{"0-10", PortRange{}, false},
		{"x-10", PortRange{}, false},
		{"100", PortRange{}, false},
	}
	for _, tt := range tests {
		got, err := ParsePortRange(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePortRange(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestLogin(t *testing.T) {
	srv := startServer(t, nil)
	tests := []struct {
		name  string
		lines []string
		codes []int
	}{
		{"good", []string{"USER alice", "PASS s3cret", "PWD"}, []int{331, 230, 257}},
		{"wrong password", []string{"USER alice", "PASS nope", "PWD"}, []int{331, 530, 530}},
		{"unknown user", []string{"USER bob", "PASS s3cret"}, []int{331, 530}},
		{"pass first", []string{"PASS s3cret"}, []int{503}},
		{"user without name", []string{"USER"}, []int{501}},
		{"before login", []string{"PWD", "CWD /", "LIST", "RETR x", "STOR x", "PASV", "MKD d", "OPTS UTF8 ON"},
			[]int{530, 530, 530, 530, 530, 530, 530, 530}},
		{"allowed before login", []string{"SYST", "FEAT", "HELP", "NOOP"}, []int{215, 211, 214, 200}},
		{"unknown", []string{"XYZZY", "xyzzy arg"}, []int{500, 500}},
		{"acct", []string{"USER alice", "PASS s3cret", "ACCT x"}, []int{331, 230, 202}},
		{"quit", []string{"QUIT"}, []int{221}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dial(t, srv)
			for i, line := range tt.lines {
				if code, msg := c.cmd("%s", line); code != tt.codes[i] {
					t.Errorf("%s: %d %q, want %d", line, code, msg, tt.codes[i])
				}
			}
		})
	}
}

func TestPlainReplies(t *testing.T) {
	srv := startServer(t, nil)
	c := dialAddr(t, srv.Addr().String())
	tests := []struct {
		line string
		code int
		want string
	}{
		{"SYST", 215, "UNIX Type: L8"},
		{"USER alice", 331, "Password required"},
		{"PASS s3cret", 230, "Login successful"},
		{"FEAT", 211, "Features:\n EPSV\n EPRT\n PASV\n SIZE\n REST STREAM\n UTF8\nEnd"},
		{"OPTS UTF8 ON", 200, "Always in UTF8 mode"},
		{"OPTS FOO", 501, ""},
		{"TYPE I", 200, "Type set to I"},
		{"TYPE L 8", 200, "Type set to I"},
		{"TYPE A", 200, "Type set to A"},
		{"TYPE A N", 200, "Type set to A"},
		{"TYPE E", 504, ""},
		{"TYPE A T", 504, ""},
		{"TYPE Q", 501, ""},
		{"MODE S", 200, ""},
		{"MODE B", 504, ""},
		{"STRU F", 200, ""},
		{"STRU R", 504, ""},
		{"SITE FILETYPE=SEQ", 200, ""},
		{"NOOP", 200, ""},
		{"REST 10", 350, ""},
		{"REST -1", 501, ""},
		{"REST x", 501, ""},
		{"ABOR", 225, ""},
		{"STAT", 211, ""},
		{"HELP", 214, ""},
		{"EPSV 3", 501, ""},
		{"EPSV 2", 522, ""},
		{"EPRT |3|x|1|", 522, ""},
		{"EPRT |1|127.0.0.1|", 501, ""},
		{"EPRT |1|::1|5000|", 501, ""},
		{"PORT 1,2,3", 501, ""},
		{"PORT 1,2,3,4,5,256", 501, ""},
		{"RETR nothing-set-up", 550, ""},
		{"QUIT", 221, "Goodbye"},
	}
	for _, tt := range tests {
		code, msg := c.cmd("%s", tt.line)
		if code != tt.code || (tt.want != "" && msg != tt.want) {
			t.Errorf("%s: %d %q, want %d %q", tt.line, code, msg, tt.code, tt.want)
		}
	}
}

// TestPWDQuoting: a '"' in a directory name is doubled in the 257 reply
// (RFC 959, appendix II). Windows allows no '"' in a file name: there MKD
// is refused with 550, and the quoting is checked on the name the
// server's own rule gives it.
func TestPWDQuoting(t *testing.T) {
	srv := startServer(t, nil)
	c := dial(t, srv)
	c.login()
	if runtime.GOOS == "windows" {
		if code, msg := c.cmd(`MKD a"b`); code != 550 {
			t.Errorf("MKD a\"b on Windows: %d %q, want 550", code, msg)
		}
		if got := quotePath(`/a"b`); got != `"/a""b"` {
			t.Errorf("quotePath = %s", got)
		}
		return
	}
	if msg := c.must(257, `MKD a"b`); msg != `"/a""b" created` {
		t.Errorf("MKD: %q", msg)
	}
	c.must(250, `CWD a"b`)
	if msg := c.must(257, "PWD"); msg != `"/a""b" is the current directory` {
		t.Errorf("PWD: %q", msg)
	}
	if msg := c.must(257, "XPWD"); !strings.HasPrefix(msg, `"/a""b"`) {
		t.Errorf("XPWD: %q", msg)
	}
}

func TestFileCommands(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "f.txt", []byte("hello\n"))
	writeFile(t, srv, "full/x", []byte("x"))
	c := dial(t, srv)
	c.login()
	tests := []struct {
		line string
		code int
		want string
	}{
		{"MKD d", 257, `"/d" created`},
		{"MKD d", 550, ""},
		{"CWD d", 250, ""},
		{"PWD", 257, `"/d" is the current directory`},
		{"MKD sub", 257, `"/d/sub" created`},
		{"CDUP", 250, ""},
		{"PWD", 257, `"/" is the current directory`},
		{"CDUP", 250, ""},
		{"PWD", 257, `"/" is the current directory`},
		{"XCWD /d/sub", 250, ""},
		{"CWD ..", 250, ""},
		{"PWD", 257, `"/d" is the current directory`},
		{"CWD /", 250, ""},
		{"CWD f.txt", 550, ""},
		{"CWD missing", 550, ""},
		{"SIZE f.txt", 213, "6"},
		{"SIZE d", 550, ""},
		{"SIZE missing", 550, ""},
		{"RMD d", 550, ""}, // not empty
		{"RMD d/sub", 250, ""},
		{"RMD d", 250, ""},
		{"RMD f.txt", 550, ""},
		{"RMD /", 550, ""},
		{"DELE full", 550, ""},
		{"DELE missing", 550, ""},
		{"RNTO nowhere", 503, ""},
		{"RNFR missing", 550, ""},
		{"RNFR f.txt", 350, ""},
		{"RNTO g.txt", 250, ""},
		{"SIZE g.txt", 213, "6"},
		{"SIZE f.txt", 550, ""},
		{"RNFR g.txt", 350, ""},
		{"NOOP", 200, ""},
		{"RNTO h.txt", 503, ""}, // RNFR must come right before RNTO
		{"DELE g.txt", 250, ""},
		{"SIZE g.txt", 550, ""},
	}
	for _, tt := range tests {
		code, msg := c.cmd("%s", tt.line)
		if code != tt.code || (tt.want != "" && msg != tt.want) {
			t.Errorf("%s: %d %q, want %d %q", tt.line, code, msg, tt.code, tt.want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	srv := startServer(t, nil)
	payload := make([]byte, 3<<20+17)
	rand.Read(payload)
	want := sha256.Sum256(payload)
	for _, method := range []string{"PASV", "EPSV", "PORT", "EPRT"} {
		t.Run(method, func(t *testing.T) {
			c := dial(t, srv)
			c.login()
			c.must(200, "TYPE I")
			name := "up-" + method + ".bin"
			start, final := c.upload(method, "STOR "+name, payload)
			if start.code != 150 || final.code != 226 {
				t.Fatalf("STOR: %v / %v", start, final)
			}
			if got := sha256.Sum256(readFile(t, srv, name)); got != want {
				t.Fatal("stored file differs")
			}
			data, start, final := c.download(method, "RETR "+name)
			if start.code != 150 || final.code != 226 {
				t.Fatalf("RETR: %v / %v", start, final)
			}
			if got := sha256.Sum256(data); got != want {
				t.Fatalf("retrieved %d bytes that differ", len(data))
			}
			c.must(213, "SIZE %s", name)
		})
	}
}

func TestAppend(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "log", []byte("one\n"))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	if _, final := c.upload("PASV", "APPE log", []byte("two\n")); final.code != 226 {
		t.Fatalf("APPE: %v", final)
	}
	if got := string(readFile(t, srv, "log")); got != "one\ntwo\n" {
		t.Errorf("after APPE: %q", got)
	}
}

func TestIPv6(t *testing.T) {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	ln.Close()
	srv := startServer(t, func(o *Options) { o.Addr = "[::1]:0" })
	writeFile(t, srv, "f", []byte("six\n"))
	for _, method := range []string{"EPSV", "EPRT"} {
		t.Run(method, func(t *testing.T) {
			c := dial(t, srv)
			c.login()
			c.must(200, "TYPE I")
			data, _, final := c.download(method, "RETR f")
			if final.code != 226 || string(data) != "six\n" {
				t.Fatalf("RETR: %q %v", data, final)
			}
			c.must(425, "PASV")
			c.must(522, "EPSV 1")
		})
	}
}

func TestASCII(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "unix.txt", []byte("line1\nline2\n\nend"))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE A")
	data, _, final := c.download("PASV", "RETR unix.txt")
	if final.code != 226 || string(data) != "line1\r\nline2\r\n\r\nend" {
		t.Errorf("RETR ASCII: %q %v", data, final)
	}
	_, final = c.upload("PASV", "STOR dos.txt", []byte("a\r\nb\rc\r\n\r\nd\r"))
	if final.code != 226 {
		t.Fatalf("STOR: %v", final)
	}
	if got := string(readFile(t, srv, "dos.txt")); got != "a\nb\rc\n\nd\r" {
		t.Errorf("STOR ASCII stored %q", got)
	}
	c.must(200, "TYPE I")
	data, _, _ = c.download("PASV", "RETR unix.txt")
	if string(data) != "line1\nline2\n\nend" {
		t.Errorf("RETR binary: %q", data)
	}
}

func TestLFWriterSplits(t *testing.T) {
	in := []byte("ab\r\ncd\r\r\nef\rg\r")
	want := "ab\ncd\r\nef\rg\r"
	for size := 1; size <= len(in); size++ {
		var out bytes.Buffer
		w := &lfWriter{w: &out}
		for i := 0; i < len(in); i += size {
			w.Write(in[i:min(i+size, len(in))])
		}
		w.Flush()
		if out.String() != want {
			t.Errorf("chunks of %d: %q, want %q", size, out.String(), want)
		}
	}
}

func TestRest(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "digits", []byte("0123456789"))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	c.must(350, "REST 4")
	data, _, final := c.download("EPSV", "RETR digits")
	if final.code != 226 || string(data) != "456789" {
		t.Errorf("RETR after REST: %q %v", data, final)
	}
	data, _, _ = c.download("EPSV", "RETR digits")
	if string(data) != "0123456789" {
		t.Errorf("REST not cleared: %q", data)
	}
	c.must(350, "REST 6")
	if _, final := c.upload("EPSV", "STOR digits", []byte("ab")); final.code != 226 {
		t.Fatalf("STOR after REST: %v", final)
	}
	if got := string(readFile(t, srv, "digits")); got != "012345ab" {
		t.Errorf("after REST+STOR: %q", got)
	}
}

func TestListNlst(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "a.txt", []byte("aaa"))
	writeFile(t, srv, "b.bin", []byte("b"))
	writeFile(t, srv, "sub/c.txt", []byte("c"))
	links := platformtest.CanSymlink(t)
	if links {
		if err := os.Symlink("a.txt", filepath.Join(srv.Root(), "link")); err != nil {
			t.Fatal(err)
		}
	}
	c := dial(t, srv)
	c.login()
	withLink := func(l []string, link string) []string {
		if !links {
			return slices.DeleteFunc(l, func(s string) bool { return s == link })
		}
		return l
	}
	tests := []struct {
		line string
		want []string // NLST: exact lines; LIST: line suffixes
	}{
		{"NLST", withLink([]string{"a.txt", "b.bin", "link", "sub"}, "link")},
		{"NLST sub", []string{"sub/c.txt"}},
		{"NLST *.txt", []string{"a.txt"}},
		{"NLST sub/*.txt", []string{"sub/c.txt"}},
		{"NLST *.none", nil},
		{"NLST a.txt", []string{"a.txt"}},
		{"LIST", withLink([]string{" a.txt", " b.bin", " link -> a.txt", " sub"}, " link -> a.txt")},
		{"LIST -la sub", []string{" c.txt"}},
		{"LIST a.txt", []string{" a.txt"}},
	}
	for _, tt := range tests {
		data, start, final := c.download("PASV", tt.line)
		if start.code != 150 || final.code != 226 {
			t.Errorf("%s: %v / %v", tt.line, start, final)
			continue
		}
		text := string(data)
		if text != "" && !strings.HasSuffix(text, "\r\n") {
			t.Errorf("%s: lines do not end in CRLF: %q", tt.line, text)
		}
		lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
		if text == "" {
			lines = nil
		}
		if len(lines) != len(tt.want) {
			t.Errorf("%s: got %q, want %q", tt.line, lines, tt.want)
			continue
		}
		for i, l := range lines {
			if strings.HasPrefix(tt.line, "NLST") && l != tt.want[i] || !strings.HasSuffix(l, tt.want[i]) {
				t.Errorf("%s: line %q, want %q", tt.line, l, tt.want[i])
			}
		}
	}
	data, _, _ := c.download("PASV", "LIST")
	for _, l := range strings.Split(string(data), "\r\n") {
		switch {
		case strings.Contains(l, " link -> "):
			if !strings.HasPrefix(l, "l") {
				t.Errorf("link line %q", l)
			}
		case strings.HasSuffix(l, " sub") && !strings.HasPrefix(l, "drwx"):
			t.Errorf("directory line %q", l)
		case strings.HasSuffix(l, " a.txt") && !strings.HasPrefix(l, "-rw-"):
			t.Errorf("file line %q", l)
		case strings.HasSuffix(l, " a.txt") && !strings.Contains(l, " 3 "):
			t.Errorf("file line %q lacks size 3", l)
		}
	}
	c.must(550, "LIST missing")
	c.must(550, "NLST missing/*.txt")
}

func TestPathEscape(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, nil)
	root := srv.Root()
	if err := os.Symlink(outside, filepath.Join(root, "abs")); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(root, outside)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(rel, filepath.Join(root, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(rel, "secret"), filepath.Join(root, "file-up")); err != nil {
		t.Fatal(err)
	}
	c := dial(t, srv)
	c.login()
	for _, line := range []string{
		"RETR ../../../../../../" + filepath.ToSlash(outside) + "/secret",
		"RETR " + filepath.ToSlash(outside) + "/secret",
		"RETR abs/secret",
		"RETR up/secret",
		"RETR file-up",
		"SIZE up/secret",
		"SIZE file-up",
		"CWD abs",
		"CWD up",
		"MKD up/new",
		"DELE up/secret",
		"LIST up",
		"STOR up/planted",
	} {
		if code, msg := c.cmd("%s", line); code < 500 {
			t.Errorf("%s: %d %q, want refusal", line, code, msg)
		}
	}
	c.must(250, "CWD ../../../..")
	if msg := c.must(257, "PWD"); msg != `"/" is the current directory` {
		t.Errorf("PWD after climbing: %q", msg)
	}
	if got, err := os.ReadFile(filepath.Join(outside, "secret")); err != nil || string(got) != "secret" {
		t.Errorf("outside file changed: %q %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(outside, "planted")); err == nil {
		t.Error("STOR created a file outside the root")
	}
}
