package client

import (
	"strings"
	"testing"
)

// FuzzParseListLine checks that no line makes ParseListLine panic, and
// that an entry it returns is sound: a name without CR, LF or NUL that is
// not only blanks, Raw the line itself, a size of -1 or more, a known
// kind, and a line that is not also noise.
func FuzzParseListLine(f *testing.F) {
	for _, tc := range listCases {
		f.Add(tc.line)
	}
	for _, line := range badListLines {
		if len(line) < 1024 {
			f.Add(line)
		}
	}
	for _, bl := range benchLines {
		f.Add(bl.line)
	}
	f.Add("Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname")
	f.Add(" Name     VV.MM   Created       Changed      Size  Init   Mod   Id")
	f.Add("total 2736")
	f.Fuzz(func(t *testing.T, line string) {
		e, ok := parseListLineAt(line, listNow)
		noise := IsListNoise(line)
		if !ok {
			return
		}
		if e.Name == "" || !nameOK(e.Name) || strings.ContainsAny(e.Name, "\r\n\x00") || strings.ContainsAny(e.Target, "\r\n\x00") {
			t.Fatalf("ParseListLine(%q): name %q, target %q", line, e.Name, e.Target)
		}
		if e.Raw != line || e.Size < -1 || e.Kind < KindUnknown || e.Kind > KindMember || e.Type != "" {
			t.Fatalf("ParseListLine(%q) = %+v", line, e)
		}
		if noise {
			t.Fatalf("ParseListLine(%q) is an entry and IsListNoise says noise", line)
		}
		if !strings.Contains(line, e.Name) {
			t.Fatalf("ParseListLine(%q): name %q is not in the line", line, e.Name)
		}
	})
}
