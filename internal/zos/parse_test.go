package zos

import (
	"slices"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	table := newTable()
	tests := []struct {
		line string
		sub  string   // subcommand name; "" for none
		args []string // arguments
		rest string   // verbatim rest
	}{
		{"get remote local (REPLACE", "GET", []string{"remote", "local", "(REPLACE"}, "remote local (REPLACE"},
		{"  G\tdata.bin  ", "GET", []string{"data.bin"}, "data.bin  "},
		{"put a", "PUT", []string{"a"}, "a"},
		{"quote SITE a\tb\x01c ", "QUOTE", []string{"SITE", "a", "b\x01c"}, "SITE a\tb\x01c "},
		{"locsi fwf epsv4", "LOCSITE", []string{"fwf", "epsv4"}, "fwf epsv4"},
		{"s", "", nil, ""},
		{"frob x", "", []string{"x"}, "x"},
		{"?", "?", nil, ""},
		{"! ls -l", "!", []string{"ls", "-l"}, "ls -l"},
	}
	for _, tt := range tests {
		c, res := parseLine(table, tt.line)
		if c == nil {
			t.Fatalf("%q: no call", tt.line)
		}
		got := ""
		if res.sub != nil {
			got = res.sub.name
		}
		if got != tt.sub || !slices.Equal(c.args, tt.args) || c.rest != tt.rest {
			t.Errorf("%q: %q %q %q, want %q %q %q", tt.line, got, c.args, c.rest, tt.sub, tt.args, tt.rest)
		}
	}
	for _, blank := range []string{"", "   ", "\t"} {
		if c, _ := parseLine(table, blank); c != nil {
			t.Errorf("%q: want no call", blank)
		}
	}
}

func TestSplitOptions(t *testing.T) {
	pos, opts := splitOptions([]string{"a", "(replace", "b"})
	if !slices.Equal(pos, []string{"a", "b"}) || !slices.Equal(opts, []string{"REPLACE"}) {
		t.Errorf("splitOptions: %q %q", pos, opts)
	}
	for _, tt := range []struct {
		opts        []string
		replace, ok bool
	}{
		{nil, false, true}, {[]string{"REPLACE"}, true, true}, {[]string{"REP"}, false, false}, {[]string{"REPLACE", "X"}, false, false},
	} {
		r, ok := replaceOption(tt.opts)
		if r != tt.replace || ok != tt.ok {
			t.Errorf("replaceOption(%q) = %v %v", tt.opts, r, ok)
		}
	}
}

func TestValidLocalName(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"a.txt", true}, {"A B", true}, {"x..y", false}, {"..", false}, {".", false}, {"", false},
		{"d/f", false}, {`d\f`, false}, {"/etc/passwd", false}, {"a\x00b", false}, {"a\nb", false}, {"a\x7f", false},
	} {
		if err := validLocalName(tt.name); (err == nil) != tt.ok {
			t.Errorf("validLocalName(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// FuzzParseLine checks the subcommand-line parser on any input: it never
// panics, the word has no blanks and selects only a subcommand it
// abbreviates, the arguments are the rest split at blanks, and the echo
// of a PASS or USER line never carries its password.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"get a b (replace", "s", "user alice pw", "pass pw", "quote PASS pw", "\t\x01", "locsite fwf", "", "p\xffq x"} {
		f.Add(s)
	}
	table := newTable()
	f.Fuzz(func(t *testing.T, line string) {
		c, res := parseLine(table, line)
		if c == nil {
			if strings.Trim(line, " \t") != "" {
				t.Fatalf("%q: no call for a non-blank line", line)
			}
			return
		}
		if c.word == "" || strings.ContainsAny(c.word, " \t") {
			t.Fatalf("%q: bad word %q", line, c.word)
		}
		if strings.HasPrefix(c.rest, " ") || strings.HasPrefix(c.rest, "\t") {
			t.Fatalf("%q: rest %q starts with a blank", line, c.rest)
		}
		want := quotedFields(c.rest) // a double-quoted argument is one name (Quoting, parse.go)
		if res.sub != nil && asTyped[res.sub.name] {
			want = fields(c.rest)
		}
		if !slices.Equal(c.args, want) {
			t.Fatalf("%q: args %q, want %q", line, c.args, want)
		}
		for _, a := range c.args {
			if a != "" && !strings.Contains(c.rest, a) {
				t.Fatalf("%q: argument %q is not in the line", line, a)
			}
		}
		if s := res.sub; s != nil {
			w := strings.ToUpper(c.word)
			if !strings.HasPrefix(s.name, w) || len(w) < s.min && w != s.name {
				t.Fatalf("%q: %q selects %s", line, c.word, s.name)
			}
			echo := echoText(c, line)
			switch s.name {
			case "PASS":
				if echo != c.word {
					t.Fatalf("%q: PASS echoed as %q", line, echo)
				}
			case "USER":
				if len(c.args) > 1 && strings.Contains(echo, c.args[1]) && !strings.Contains(c.word+" "+c.args[0], c.args[1]) {
					t.Fatalf("%q: USER echo %q carries the password", line, echo)
				}
			}
		}
	})
}

func TestQuotedFields(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`a b`, []string{"a", "b"}},
		{`"a b.txt" c`, []string{"a b.txt", "c"}},
		{`"x y.bin"  "z w.bin"`, []string{"x y.bin", "z w.bin"}},
		{`'HLQ.DATA(MEM)' mem.txt`, []string{"'HLQ.DATA(MEM)'", "mem.txt"}},
		{`ab"cd ef`, []string{`ab"cd`, "ef"}},
		{`"open end`, []string{`"open`, "end"}},
		{`""`, []string{""}},
		{"\t\"t\tab\" x", []string{"t\tab", "x"}},
	}
	for _, tt := range tests {
		if got := quotedFields(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("quotedFields(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The login subcommands take their arguments as typed.
	c, _ := parseLine(newTable(), `pass "secret"`)
	if c.args[0] != `"secret"` {
		t.Errorf("PASS argument %q, want it as typed", c.args[0])
	}
	c, _ = parseLine(newTable(), `delete "c d"`)
	if oneName(c) != "c d" {
		t.Errorf("DELETE name %q, want c d", oneName(c))
	}
}
