package client

import (
	"testing"
	"time"
)

func TestStat(t *testing.T) {
	mod := time.Date(2026, 12, 6, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name   string
		script func(c *fakeConn)
		want   Entry
	}{
		{"MLST", func(c *fakeConn) {
			c.expect("FEAT")
			c.send("211-Features:", " MLST type*;size*;modify*;", " SIZE", "211 End")
			c.expect("MLST a b.txt")
			c.send("250-Listing a b.txt", " type=file;size=42;modify=20261206030405; a b.txt", "250 End")
		}, Entry{Name: "a b.txt", Kind: KindFile, Size: 42, Modify: mod}},
		{"SIZE and MDTM", func(c *fakeConn) {
			c.expect("FEAT")
			c.send("211-Features:", " SIZE", " MDTM", "211 End")
			c.expect("SIZE a b.txt")
			c.send("213 42")
			c.expect("MDTM a b.txt")
			c.send("213 20261206030405")
		}, Entry{Name: "a b.txt", Kind: KindFile, Size: 42, Modify: mod}},
		{"SIZE only", func(c *fakeConn) {
			c.expect("FEAT")
			c.send("502 no FEAT")
			c.expect("SIZE a b.txt")
			c.send("213 7")
		}, Entry{Name: "a b.txt", Kind: KindFile, Size: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, func(c *fakeConn) { c.send("220 hi"); tt.script(c) })
			s, _ := fs.dial(t, Config{})
			e, err := s.Stat(t.Context(), "a b.txt")
			if err != nil {
				t.Fatal(err)
			}
			if e.Name != tt.want.Name || e.Kind != tt.want.Kind || e.Size != tt.want.Size || !e.Modify.Equal(tt.want.Modify) {
				t.Errorf("Stat = %+v, want %+v", e, tt.want)
			}
		})
	}
}

func TestModTimes(t *testing.T) {
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("MDTM f")
		c.send("213 20260102030405.250")
		c.expect("MDTM g")
		c.send("213 yesterday")
		c.expect("MFMT 20260102030405 f")
		c.send("213 Modify=20260102030405; f")
	})
	s, _ := fs.dial(t, Config{})
	if got, err := s.ModTime(t.Context(), "f"); err != nil || !got.Equal(when.Add(250*time.Millisecond)) {
		t.Errorf("ModTime = %v, %v", got, err)
	}
	if _, err := s.ModTime(t.Context(), "g"); err == nil {
		t.Error("a malformed MDTM reply was accepted")
	}
	if err := s.SetModTime(t.Context(), "f", when.In(time.FixedZone("x", 3600))); err != nil {
		t.Errorf("SetModTime: %v", err)
	}
}
