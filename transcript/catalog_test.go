package transcript

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

var idPattern = regexp.MustCompile(`^(EZA|EZY|EZZ|ZFT)[0-9A-Z]{4}[IWE]$`)

func TestCatalogWellFormed(t *testing.T) {
	seen := map[ID]bool{}
	ids := make([]string, 0, len(catalog))
	for _, m := range catalog {
		if !idPattern.MatchString(string(m.ID)) {
			t.Errorf("%s: malformed ID", m.ID)
		}
		if m.ID[len(m.ID)-1] != byte(m.Severity) {
			t.Errorf("%s: severity %c does not match the ID's letter", m.ID, m.Severity)
		}
		if seen[m.ID] {
			t.Errorf("%s: duplicate", m.ID)
		}
		seen[m.ID] = true
		if m.Text == "" || m.When == "" {
			t.Errorf("%s: text and when are required", m.ID)
		}
		if !strings.HasPrefix(m.Source, "V") && !strings.HasPrefix(m.Source, "U") {
			t.Errorf("%s: source must start with V (verified) or U (unverified): %q", m.ID, m.Source)
		}
		if strings.HasPrefix(string(m.ID), "ZFT") && strings.HasPrefix(m.Source, "V:") && !strings.Contains(m.Source, "zftp") {
			t.Errorf("%s: a zftp message cannot be verified against IBM without saying which part", m.ID)
		}
		ids = append(ids, string(m.ID))
	}
	if !sort.StringsAreSorted(ids) {
		t.Errorf("catalog is not sorted by ID: %v", ids)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		id   ID
		args []any
		want string
	}{
		{MsgConnecting, []any{"zoshost.example.com", "10.1.1.5", 21}, "Connecting to: zoshost.example.com 10.1.1.5 port: 21."},
		{MsgNamePrompt, []any{"loopback", "TIFFANY"}, "NAME (loopback:TIFFANY):"},
		{MsgCommandSent, []any{"USER tiffany"}, ">>> USER tiffany"},
		{MsgCommandSent, []any{"PASS secret"}, ">>> PASS"},
		{MsgCommandSent, []any{"pass  secret"}, ">>> PASS"},
		{MsgCommandSent, []any{"PASSIVE x"}, ">>> PASSIVE x"},
		{MsgPasswordPrompt, nil, "PASSWORD:"},
		{MsgCommandPrompt, nil, "Command:"},
		{MsgInputEcho, []any{"site recfm=vb lrecl=133 blksize=137"}, "site recfm=vb lrecl=133 blksize=137"},
		{MsgReturnCode, []any{10234, 17}, "Std Return Code = 10234, Error Code = 00017"},
		{MsgReturnCode, []any{7550, 2}, "Std Return Code = 07550, Error Code = 00002"},
		{MsgTransferred, []any{24, "0.076", "0.32"}, "24 bytes transferred in 0.076 seconds. Transfer rate 0.32 Kbytes/sec."},
		{MsgListLine, []any{"CTRACE.txt"}, "CTRACE.txt"},
		{MsgIDsShown, nil, "Message IDs are displayed when running in z/OS UNIX"},
		{ID("XYZ0000I"), []any{"a", "b"}, "ab"},
	}
	for _, tt := range tests {
		if got := Format(tt.id, tt.args...); got != tt.want {
			t.Errorf("Format(%s, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
		}
	}
}

func TestLookupAndCatalogCopy(t *testing.T) {
	if _, ok := Lookup(MsgTransferred); !ok {
		t.Fatal("EZA1617I missing")
	}
	if _, ok := Lookup("EZA0000I"); ok {
		t.Fatal("unknown ID found")
	}
	c := Catalog()
	c[0].Text = "changed"
	if catalog[0].Text == "changed" {
		t.Fatal("Catalog returned the package's table, not a copy")
	}
}
