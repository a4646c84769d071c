package zos

import (
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	table := newTable()
	tests := []struct {
		word      string
		want      string   // subcommand name, "" for none
		ambiguous []string // candidates when ambiguous
	}{
		{"bin", "BINARY", nil},
		{"BINARY", "BINARY", nil},
		{"Binary", "BINARY", nil},
		{"g", "GET", nil},
		{"get", "GET", nil},
		{"cd", "CD", nil},
		{"cdu", "CDUP", nil},
		{"cwd", "CWD", nil},
		{"cw", "CWD", nil},
		{"pw", "PWD", nil},
		{"pu", "PUT", nil},
		{"o", "OPEN", nil},
		{"qui", "QUIT", nil},
		{"quo", "QUOTE", nil},
		{"dele", "DELETE", nil},
		{"di", "DIR", nil},
		{"ls", "LS", nil},
		{"?", "?", nil},
		{"he", "HELP", nil},
		{"u", "USER", nil},
		{"v", "VERBOSE", nil},
		{"s", "", []string{"SAFE", "SCHINESE", "SENDPORT", "SENDSITE", "SITE", "SJISKANJI", "SRESTART", "STATUS", "STREAM", "STRUCTURE", "SUNIQUE", "SYSTEM"}},
		{"c", "", []string{"CCC", "CD", "CDUP", "CLEAR", "CLOSE", "COMPRESS", "CPROTECT", "CWD"}},
		{"q", "", []string{"QUIT", "QUOTE"}},
		{"p", "", []string{"PASS", "PRIVATE", "PROMPT", "PROTECT", "PROXY", "PUT", "PWD"}},
		{"a", "", []string{"ACCOUNT", "ACCT", "APPEND", "ASCII", "AUTH"}},
		{"b", "", []string{"BIG5", "BINARY", "BLOCK"}},
		{"bi", "", []string{"BIG5", "BINARY"}},
		{"big", "BIG5", nil},
		{"del", "", []string{"DELETE", "DELIMIT"}},
		{"dele", "DELETE", nil},
		{"deli", "DELIMIT", nil},
		{"deb", "DEBUG", nil},
		{"cl", "CLOSE", nil},
		{"cle", "CLEAR", nil},
		{"cc", "CCC", nil},
		{"cp", "CPROTECT", nil},
		{"pri", "PRIVATE", nil},
		{"pro", "", []string{"PROMPT", "PROTECT", "PROXY"}},
		{"prot", "PROTECT", nil},
		{"locsi", "LOCSITE", nil},
		{"locst", "LOCSTAT", nil},
		{"loc", "", []string{"LOCSITE", "LOCSTAT"}},
		{"mk", "MKDIR", nil},
		{"mkf", "MKFIFO", nil},
		{"sendp", "SENDPORT", nil},
		{"send", "", []string{"SENDPORT", "SENDSITE"}},
		{"sta", "STATUS", nil},
		{"str", "STRUCTURE", nil},
		{"stre", "STREAM", nil},
		{"acc", "ACCOUNT", nil},
		{"ac", "", []string{"ACCOUNT", "ACCT"}},
		{"acct", "ACCT", nil}, // IBM "ACCt subcommand": code 03, as ACCOUNT
		{"i", "IBMKANJI", nil},
		{"jis7", "", []string{"JIS78KJ"}},
		{"jis78", "JIS78KJ", nil},
		{"lang", "LANGUAGE", nil},
		{"!", "!", nil},
		{"tso", "TSO", nil},
		{"ty", "TYPE", nil},
		{"t", "", []string{"TCHINESE", "TSO", "TYPE"}},
		{"mvsg", "MVSGET", nil},
		{"frobnicate", "", nil},
		{"binaryx", "", nil},
	}
	for _, tt := range tests {
		res := lookup(table, tt.word)
		got := ""
		if res.sub != nil {
			got = res.sub.name
		}
		if got != tt.want || !slices.Equal(res.candidates, tt.ambiguous) {
			t.Errorf("lookup(%q) = %q %v, want %q %v", tt.word, got, res.candidates, tt.want, tt.ambiguous)
		}
	}
}

// TestTableConsistent checks the table's data: every minimum abbreviation
// selects its own subcommand, names are upper case, and every entry has
// help text and a handler.
func TestTableConsistent(t *testing.T) {
	table := newTable()
	seen := map[string]bool{}
	for _, s := range table {
		if seen[s.name] {
			t.Errorf("%s: duplicate", s.name)
		}
		seen[s.name] = true
		if s.name != strings.ToUpper(s.name) {
			t.Errorf("%s: name must be upper case", s.name)
		}
		if s.min < 1 || s.min > len(s.name) {
			t.Errorf("%s: minimum abbreviation %d out of range", s.name, s.min)
		}
		if s.run == nil || s.help == "" {
			t.Errorf("%s: handler and help text are required", s.name)
		}
		if res := lookup(table, s.name[:s.min]); res.sub != s {
			t.Errorf("%s: its minimum abbreviation %q selects %v", s.name, s.name[:s.min], res.sub)
		}
		if s.aliasOf != "" && !seen[s.aliasOf] && lookup(table, s.aliasOf).sub == nil {
			t.Errorf("%s: alias of unknown %s", s.name, s.aliasOf)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"BINARY", "BINary"}, {"GET", "Get"}, {"CD", "CD"}, {"CDUP", "CDUp"}, {"?", "?"},
	} {
		for _, s := range newTable() {
			if s.name == tt.name {
				if got := displayName(s); got != tt.want {
					t.Errorf("displayName(%s) = %q, want %q", tt.name, got, tt.want)
				}
			}
		}
	}
}

func TestSplitWord(t *testing.T) {
	tests := []struct{ line, word, rest string }{
		{"pwd", "pwd", ""},
		{"  cd  /tmp/a b ", "cd", "/tmp/a b "},
		{"quote SITE a\tb\x01c", "quote", "SITE a\tb\x01c"},
		{"\tget\tx", "get", "x"},
		{"", "", ""},
		{"   ", "", ""},
	}
	for _, tt := range tests {
		w, r := splitWord(tt.line)
		if w != tt.word || r != tt.rest {
			t.Errorf("splitWord(%q) = %q, %q; want %q, %q", tt.line, w, r, tt.word, tt.rest)
		}
	}
}

func TestEchoTextHidesPasswords(t *testing.T) {
	table := newTable()
	tests := []struct{ line, want string }{
		{"user alice s3cret", "user alice"},
		{"u alice", "u alice"},
		{"pass s3cret", "pass"},
		{"pa s3cret", "pa"},
		{"quote PASS s3cret", "quote PASS"},
		{"quo pass s3cret", "quo pass"},
		{"quote SITE x", "quote SITE x"},
		{"acct D4711", "acct D4711"}, // IBM hides only the password
		{"account D4711", "account D4711"},
		{"quote ACCT D4711", "quote ACCT D4711"},
		{"literal PASS s3cret", "literal PASS"}, // no z/OS subcommand: masked all the same
		{"lit acct dept42", "lit acct dept42"},
		{"q PASS s3cret", "q PASS"}, // ambiguous (QUIT, QUOTE)
		{"literal SITE x", "literal SITE x"},
		{"get a b", "get a b"},
		{"frob s3cret", "frob s3cret"},
	}
	for _, tt := range tests {
		word, rest := splitWord(tt.line)
		c := &call{sub: lookup(table, word).sub, word: word, rest: rest, args: fields(rest)}
		if got := echoText(c, tt.line); got != tt.want {
			t.Errorf("echoText(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
