package ftpd

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseDSName(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for an error
	}{
		{"USER1.DATA.TXT", "USER1.DATA.TXT"},
		{"USER1.JCL.CNTL(MEM1)", "USER1.JCL.CNTL(MEM1)"},
		{"$SYS.@A#B.C-D", "$SYS.@A#B.C-D"},
		{"A.B($#@1234)", "A.B($#@1234)"},
		{"AAAAAAAA.BBBBBBBB.CCCCCCCC.DDDDDDDD.EEEEEEEE", "AAAAAAAA.BBBBBBBB.CCCCCCCC.DDDDDDDD.EEEEEEEE"},
		{"AAAAAAAA.BBBBBBBB.CCCCCCCC.DDDDDDDD.EEEEE.FFF", ""}, // 45 characters
		{"USER1", ""},          // one qualifier
		{"..", ""},             // empty qualifiers
		{"A..B", ""},           // empty qualifier
		{"A.B.", ""},           // trailing period
		{".A.B", ""},           // leading period
		{"A/B.C", ""},          // slash
		{"A.B/../C", ""},       // path climbing
		{"A.TOOLONGQU", ""},    // nine characters
		{"A.1B", ""},           // digit first
		{"A.-B", ""},           // hyphen first
		{"A.b", ""},            // lower case
		{"A.B C", ""},          // blank
		{"A.B\x00", ""},        // NUL
		{"A.B(MEM", ""},        // unclosed member
		{"A.B()", ""},          // empty member
		{"A.B(TOOLONGME)", ""}, // nine-character member
		{"A.B(ME-M)", ""},      // hyphen in a member
		{"A.B(1MEM)", ""},      // digit first in a member
		{"A.B(M/N)", ""},       // slash in a member
		{"A.B(..)", ""},        // dots in a member
		{"A.B(MEM)X", ""},      // text after the member
		{"A.B(MEM)(X)", ""},    // two members
		{"A.B(" + strings.Repeat("A", 9) + ")", ""},
	}
	for _, tt := range tests {
		d, err := parseDSName(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseDSName(%q) = %v, want an error", tt.in, d)
		case tt.want != "" && (err != nil || d.String() != tt.want):
			t.Errorf("parseDSName(%q) = %v, %v, want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	tests := []struct {
		in, want     string
		quoted, fail bool
	}{
		{"ABC", "ABC", false, false},
		{"'A.B'", "A.B", true, false},
		{"''", "", true, false},
		{"'", "", true, true},
		{"'A.B", "", true, true},
		{"A.B'", "", false, true},
		{"'A'B'", "", true, true},
	}
	for _, tt := range tests {
		got, quoted, err := unquote(tt.in)
		if got != tt.want || quoted != tt.quoted || (err != nil) != tt.fail {
			t.Errorf("unquote(%q) = %q, %v, %v", tt.in, got, quoted, err)
		}
	}
}

func TestDSPattern(t *testing.T) {
	names := []string{"A.B", "A.B.C", "A.BC.D", "A.X.Y.Z", "B.B", "AB.C"}
	tests := []struct {
		pattern string
		want    []string
	}{
		{"A.**", []string{"A.B", "A.B.C", "A.BC.D", "A.X.Y.Z"}},
		{"A.*", []string{"A.B"}},
		{"A.B*", []string{"A.B"}},
		{"A.B*.*", []string{"A.B.C", "A.BC.D"}},
		{"A.%.C", []string{"A.B.C"}},
		{"*.B", []string{"A.B", "B.B"}},
		{"**", names},
		{"A*.**.Z", []string{"A.X.Y.Z"}},
		{"A.B", []string{"A.B"}},
	}
	for _, tt := range tests {
		p, err := parsePattern(tt.pattern)
		if err != nil {
			t.Errorf("parsePattern(%q): %v", tt.pattern, err)
			continue
		}
		var got []string
		for _, n := range names {
			if p.match(strings.Split(n, ".")) {
				got = append(got, n)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s matches %v, want %v", tt.pattern, got, tt.want)
		}
	}
	for _, bad := range []string{"", "A..B", "A.***", "A.B/C", "A.b*", "A.**X", strings.Repeat("A.", 23) + "A"} {
		if _, err := parsePattern(bad); err == nil {
			t.Errorf("parsePattern(%q) accepted", bad)
		}
	}
}

func TestParseJobID(t *testing.T) {
	tests := []struct {
		in    string
		spool bool
		id    string
		file  int
		ok    bool
	}{
		{"JOB00123", false, "JOB00123", 0, true},
		{"job00123", false, "JOB00123", 0, true},
		{"J0123", false, "JOB00123", 0, true},
		{"J00123", false, "JOB00123", 0, true},
		{"JOB00123.2", true, "JOB00123", 2, true},
		{"JOB00123.x", true, "JOB00123", 0, true},
		{"J0123.1", true, "JOB00123", 1, true},
		{"JOB00123.2", false, "", 0, false},
		{"JOB00123.0", true, "", 0, false},
		{"JOB00123.-1", true, "", 0, false},
		{"JOB00123.1234", true, "", 0, false},
		{"JOB00000", false, "", 0, false},
		{"JOB0012", false, "", 0, false},
		{"JOB+0012", false, "", 0, false},
		{"TSU00123", false, "", 0, false},
		{"../JOB00001", false, "", 0, false},
		{"", false, "", 0, false},
	}
	for _, tt := range tests {
		id, file, ok := parseJobID(tt.in, tt.spool)
		if id != tt.id || file != tt.file || ok != tt.ok {
			t.Errorf("parseJobID(%q, %v) = %q, %d, %v", tt.in, tt.spool, id, file, ok)
		}
	}
}

func TestFitBlksize(t *testing.T) {
	tests := []struct {
		in, want dcb
		lines    int
	}{
		{dcb{"FB", 80, 6233}, dcb{"FB", 80, 6160}, 2},
		{dcb{"FB", 80, 27920}, dcb{"FB", 80, 27920}, 0},
		{dcb{"FB", 80, 50}, dcb{"FB", 80, 80}, 2},
		{dcb{"F", 80, 800}, dcb{"F", 80, 80}, 2},
		{dcb{"VB", 256, 100}, dcb{"VB", 256, 260}, 2},
		{dcb{"VB", 256, 6233}, dcb{"VB", 256, 6233}, 0},
		{dcb{"U", 0, 27998}, dcb{"U", 0, 27998}, 0},
		{dcb{"FB", 80, 0}, dcb{"FB", 80, 0}, 0},
	}
	for _, tt := range tests {
		got := tt.in
		lines := fitBlksize(&got)
		if got != tt.want || len(lines) != tt.lines {
			t.Errorf("fitBlksize(%v) = %v %q, want %v and %d lines", tt.in, got, lines, tt.want, tt.lines)
		}
	}
}

func TestParseDCB(t *testing.T) {
	if d, err := parseDCB("RECFM=FB LRECL=80 BLKSIZE=27920\n"); err != nil || d != (dcb{"FB", 80, 27920}) {
		t.Errorf("parseDCB: %v %v", d, err)
	}
	for _, bad := range []string{"", "RECFM=FB", "RECFM=XX LRECL=80 BLKSIZE=800", "RECFM=FB LRECL=x BLKSIZE=800",
		"RECFM=FB LRECL=80 BLKSIZE=99999", "RECFM=FB LRECL=80 COLOR=RED", "LRECL=80 BLKSIZE=800 LRECL=80"} {
		if d, err := parseDCB(bad); err == nil {
			t.Errorf("parseDCB(%q) = %v, want an error", bad, d)
		}
	}
}

// TestListingColumns checks the column layout of data set and member
// lines against z/OS listings: IBM's zos-node-accessor unit-test input
// (F1DBAR 3390   2016/12/19  3   19  FB      80  3120  PO  CB12V51.CNTL,
// with zftpd's volume and extents) and a member line of FluentFTP's z/OS
// tests ($2CPF1    01.01 2001/10/18 2001/10/18 11:58    29    29     0
// QFX3076, with zftpd's version 01.00).
func TestListingColumns(t *testing.T) {
	day := time.Date(2016, 12, 19, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		e    catEntry
		name string
		want string
	}{
		{catEntry{kind: kindPDS, mtime: day, size: 19 * trackBytes, attrs: dcb{"FB", 80, 3120}}, "CB12V51.CNTL",
			"ZFTPD1 3390   2016/12/19  2   19  FB      80  3120  PO  CB12V51.CNTL"},
		{catEntry{kind: kindSeq, mtime: day, size: 300*trackBytes - 5, attrs: dcb{"VB", 27994, 27998}}, "CB12V51.LOG",
			"ZFTPD1 3390   2016/12/19 20  300  VB   27994 27998  PS  CB12V51.LOG"},
		{catEntry{kind: kindSeq, mtime: day, size: 0, attrs: dcb{"FBA", 133, 1330}}, "'A.B'",
			"ZFTPD1 3390   2016/12/19  1    1  FBA    133  1330  PS  'A.B'"},
	}
	for _, tt := range tests {
		if got := datasetLine(tt.e, tt.name); got != tt.want {
			t.Errorf("datasetLine:\n got %q\nwant %q", got, tt.want)
		}
	}
	if got := strings.Index(datasetHeader, "Dsname"); got != 57 {
		t.Errorf("Dsname at column %d of the header", got)
	}
	m := memberEntry{name: "$2CPF1", mtime: time.Date(2001, 10, 18, 11, 58, 0, 0, time.UTC), lines: 29}
	if got, want := memberLine(m, "QFX3076"), "$2CPF1    01.00 2001/10/18 2001/10/18 11:58    29    29     0 QFX3076"; got != want {
		t.Errorf("memberLine:\n got %q\nwant %q", got, want)
	}
}
