package zos

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated docs and the golden files in testdata/")

// docPath is the subcommand reference, whose table is generated from the
// subcommand table between docBegin and docEnd (go test -update rewrites
// it).
const (
	docPath  = "../../docs/subcommands.md"
	docBegin = "<!-- begin generated table: go test ./internal/zos -run TestSubcommandDoc -update -->\n"
	docEnd   = "<!-- end generated table -->\n"
)

// docTable renders the subcommand table as Markdown.
func docTable() string {
	var b strings.Builder
	b.WriteString("| Subcommand | Syntax | Code | Ends under -e | Needs OPEN | What it does | Example |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, s := range newTable() {
		what := s.help
		if s.zosOnly {
			what = "**z/OS only: answered \"not supported on this platform\".** " + what
		}
		ex := ""
		if s.example != "" {
			ex = "`" + s.example + "`"
		}
		code := fmt.Sprintf("%02d", s.code)
		if s.code == codeUnretrieved {
			code = "00 (not retrieved)"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s | %s | %s |\n",
			displayName(s), strings.ReplaceAll(usageLine(s), "|", "\\|"), code, yesNo(s.exit), yesNo(s.conn),
			strings.ReplaceAll(what, "|", "\\|"), strings.ReplaceAll(ex, "|", "\\|"))
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func TestSubcommandDoc(t *testing.T) {
	b, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, docBegin), strings.Index(doc, docEnd)
	if i < 0 || j < i {
		t.Fatalf("%s: generated-table markers missing", docPath)
	}
	want := doc[:i+len(docBegin)] + docTable() + doc[j:]
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != want {
		t.Errorf("%s: the subcommand table is out of date; run go test ./internal/zos -run TestSubcommandDoc -update", docPath)
	}
}
