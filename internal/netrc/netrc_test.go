package netrc

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Entry
		warnings int
	}{
		{
			name: "single line",
			in:   "machine h login u password p account a\n",
			want: []Entry{{Machine: "h", Login: "u", Password: "p", Account: "a", Line: 1}},
		},
		{
			name: "multi line with default",
			in:   "machine h\n  login u\n  password p\ndefault\n  login anonymous\n",
			want: []Entry{
				{Machine: "h", Login: "u", Password: "p", Line: 1},
				{Default: true, Login: "anonymous", Line: 4},
			},
		},
		{
			name: "quoted and escaped tokens",
			in:   `machine h login "a user" password "p \"q\" \\ r"` + "\n",
			want: []Entry{{Machine: "h", Login: "a user", Password: `p "q" \ r`, Line: 1}},
		},
		{
			name: "backslash outside quotes",
			in:   `machine h password a\ b` + "\n",
			want: []Entry{{Machine: "h", Password: "a b", Line: 1}},
		},
		{
			name: "commas separate tokens",
			in:   "machine h,login u,password p\n",
			want: []Entry{{Machine: "h", Login: "u", Password: "p", Line: 1}},
		},
		{
			name: "comments where a keyword is expected",
			in:   "# whole line\nmachine h # trailing comment login x\nlogin u # another\n",
			want: []Entry{{Machine: "h", Login: "u", Line: 2}},
		},
		{
			name: "hash inside a value is part of it",
			in:   "machine h password #notacomment\n",
			want: []Entry{{Machine: "h", Password: "#notacomment", Line: 1}},
		},
		{
			name: "keywords are case-insensitive",
			in:   "MACHINE h LOGIN u PASSWORD p\n",
			want: []Entry{{Machine: "h", Login: "u", Password: "p", Line: 1}},
		},
		{
			name: "crlf line ends",
			in:   "machine h\r\nlogin u\r\npassword p\r\n",
			want: []Entry{{Machine: "h", Login: "u", Password: "p", Line: 1}},
		},
		{
			name: "macdef body ends at blank line",
			in:   "machine h login u\nmacdef init\nbinary\n  cd /x\n\nmachine g login v\n",
			want: []Entry{
				{Machine: "h", Login: "u", Line: 1, Macros: []Macro{{Name: "init", Line: 2, Lines: []string{"binary", "  cd /x"}}}},
				{Machine: "g", Login: "v", Line: 6},
			},
		},
		{
			name: "macdef body ends at whitespace-only line and at EOF",
			in:   "machine h\nmacdef a\nx\n \t\nmacdef b\ny\nz",
			want: []Entry{{Machine: "h", Line: 1, Macros: []Macro{
				{Name: "a", Line: 2, Lines: []string{"x"}},
				{Name: "b", Line: 5, Lines: []string{"y", "z"}},
			}}},
		},
		{
			name:     "unknown keyword warns and continues",
			in:       "machine h port 2121 login u\n",
			want:     []Entry{{Machine: "h", Login: "u", Line: 1}},
			warnings: 2,
		},
		{
			name: "empty file",
			in:   "",
		},
		{
			name: "only comments",
			in:   "# nothing\n\n   # here\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("test.netrc", []byte(tc.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(f.Entries, tc.want) {
				t.Errorf("entries:\n got %#v\nwant %#v", f.Entries, tc.want)
			}
			if len(f.Warnings) != tc.warnings {
				t.Errorf("warnings = %v, want %d", f.Warnings, tc.warnings)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"machine without name", "machine", 1, "missing host name"},
		{"login without value", "machine h\nlogin", 2, "login: missing value"},
		{"password before machine", "password hunter2\n", 1, "must follow a machine"},
		{"unterminated quote", "machine h\npassword \"hunter2", 2, "unterminated quoted string"},
		{"trailing backslash", "machine h password abc\\", 1, "backslash at end of file"},
		{"macdef without name", "machine h\nmacdef\n", 2, "missing macro name"},
		{"macdef name on next line", "machine h\nmacdef\nname\n", 2, "must be on the macdef line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.netrc", []byte(tc.in))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("got %v, want line %d containing %q", err, tc.line, tc.msg)
			}
			if !strings.HasPrefix(err.Error(), "x.netrc:") {
				t.Errorf("error %q does not name the file", err)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
}

func TestWarningsNeverEchoTokens(t *testing.T) {
	f, err := Parse("w.netrc", []byte("machine h password my secret phrase\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 2 {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	for _, w := range f.Warnings {
		if strings.Contains(w.String(), "secret") || strings.Contains(w.String(), "phrase") {
			t.Errorf("warning %q leaks file text", w)
		}
		if !strings.HasPrefix(w.String(), "w.netrc:1: ") {
			t.Errorf("warning %q lacks file:line", w)
		}
	}
}

func TestLookup(t *testing.T) {
	f, err := Parse("t", []byte("machine A.example login a\nmachine b login b\ndefault login anon\nmachine c login c\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, login string
		ok          bool
	}{
		{"a.example", "a", true},
		{"B", "b", true},
		{"c", "c", true}, // a machine after default still matches
		{"elsewhere", "anon", true},
	}
	for _, tc := range tests {
		e, ok := f.Lookup(tc.host)
		if ok != tc.ok || e.Login != tc.login {
			t.Errorf("Lookup(%q) = %+v, %v; want login %q", tc.host, e, ok, tc.login)
		}
	}
	g, _ := Parse("t", []byte("machine a login a\n"))
	if _, ok := g.Lookup("z"); ok {
		t.Error("Lookup without default found an entry")
	}
	var nilFile *File
	if _, ok := nilFile.Lookup("a"); ok {
		t.Error("nil File found an entry")
	}
}

func TestLoadSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netrc")
	data, err := os.ReadFile(filepath.Join("testdata", "sample.netrc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	e, ok := f.Lookup("zos.example.com")
	if !ok || e.Login != "IBMUSER" || e.Password != "s3cret pw" || e.Account != "ACCT1" {
		t.Errorf("zos entry = %+v", e)
	}
	e, _ = f.Lookup("vsftpd.example.org")
	if e.Login != "alice" || e.Password != `p,a"ss` {
		t.Errorf("vsftpd entry = %+v", e)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings = %v", f.Warnings)
	}
	if len(e.Macros) != 1 || e.Macros[0].Name != "init" || !reflect.DeepEqual(e.Macros[0].Lines, []string{"binary", "cd /tmp"}) {
		t.Errorf("macros = %+v", e.Macros)
	}
	e, _ = f.Lookup("unknown.host")
	if !e.Default || e.Login != "anonymous" {
		t.Errorf("default entry = %+v", e)
	}
}

// TestLoadPermissions: on Unix a netrc holding a password that group or
// others may read or write is refused; Windows has no such mode bits
// (os.Chmod only sets or clears read-only), so there no file is refused.
func TestLoadPermissions(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		refused bool
	}{
		{"password 0600", "machine h login u password p\n", 0o600, false},
		{"password 0400", "machine h login u password p\n", 0o400, false},
		{"password 0644", "machine h login u password p\n", 0o644, true},
		{"password 0640", "machine h login u password p\n", 0o640, true},
		{"password 0620", "machine h login u password p\n", 0o620, true},
		{"password 0602", "machine h login u password p\n", 0o602, true},
		{"no password 0644", "machine h login u\n", 0o644, false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "n"+string(rune('a'+i)))
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tc.mode); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if !tc.refused || runtime.GOOS == "windows" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInsecure) {
				t.Fatalf("err = %v, want ErrInsecure", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, "chmod 600") {
				t.Errorf("message %q must name the file and chmod 600", msg)
			}
		})
	}
}

func TestCheckModeWindows(t *testing.T) {
	if err := checkMode("x", 0o666, "windows"); err != nil {
		t.Errorf("windows: %v", err)
	}
	if err := checkMode("x", 0o666, "linux"); !errors.Is(err, ErrInsecure) {
		t.Errorf("linux: %v", err)
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "none"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadSyntaxErrorNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad")
	if err := os.WriteFile(path, []byte("machine h\nlogin"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var pe *Error
	if !errors.As(err, &pe) || pe.File != path || pe.Line != 2 {
		t.Errorf("err = %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvVar, "/custom/netrc")
	if p, err := DefaultPath(); err != nil || p != "/custom/netrc" {
		t.Errorf("DefaultPath with $NETRC = %q, %v", p, err)
	}
	t.Setenv(EnvVar, "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	// This OS's rule on the real file system: on Windows _netrc, then
	// .netrc; elsewhere .netrc only.
	first, second := "_netrc", ".netrc"
	if runtime.GOOS != "windows" {
		first, second = ".netrc", ""
	}
	check := func(want string) {
		t.Helper()
		if p, err := DefaultPath(); err != nil || p != filepath.Join(home, want) {
			t.Errorf("DefaultPath = %q, %v; want %s in the home directory", p, err, want)
		}
	}
	check(first) // nothing there: the first name, missing
	if second != "" {
		os.WriteFile(filepath.Join(home, second), nil, 0o600)
		check(second)
	}
	os.WriteFile(filepath.Join(home, first), nil, 0o600)
	check(first)
}

// TestDefaultPathPerOS: the lookup order of every OS, on a fake home.
func TestDefaultPathPerOS(t *testing.T) {
	home := func() (string, error) { return "H", nil }
	noEnv := func(string) string { return "" }
	tests := []struct {
		goos    string
		present []string
		want    string
	}{
		{"linux", nil, ".netrc"},
		{"linux", []string{"_netrc"}, ".netrc"}, // _netrc is Windows' name only
		{"darwin", []string{".netrc"}, ".netrc"},
		{"windows", nil, "_netrc"},
		{"windows", []string{".netrc"}, ".netrc"},
		{"windows", []string{"_netrc", ".netrc"}, "_netrc"},
		{"windows", []string{"_netrc"}, "_netrc"},
	}
	for _, tt := range tests {
		exists := func(p string) bool {
			for _, n := range tt.present {
				if p == filepath.Join("H", n) {
					return true
				}
			}
			return false
		}
		p, err := defaultPath(noEnv, home, tt.goos, exists)
		if err != nil || p != filepath.Join("H", tt.want) {
			t.Errorf("%s with %v: %q, %v; want %s", tt.goos, tt.present, p, err, tt.want)
		}
	}
	if p, _ := defaultPath(func(string) string { return "N" }, home, "windows", func(string) bool { return true }); p != "N" {
		t.Errorf("$NETRC: %q", p)
	}
	if !strings.Contains(Description("windows"), `_netrc, else %USERPROFILE%\.netrc`) || Description("linux") != "~/.netrc" {
		t.Errorf("descriptions: %q, %q", Description("windows"), Description("linux"))
	}
}
