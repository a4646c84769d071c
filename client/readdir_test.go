package client

import (
	"errors"
	"strings"
	"testing"
)

// listScript serves one LIST (or MLSD, when mlst) of lines.
func listScript(mlst bool, lines ...string) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		c.expect("FEAT")
		if mlst {
			c.send("211-Features:", " MLST type*;size*;modify*;", "211 End")
		} else {
			c.send("211-Features:", " SIZE", "211 End")
		}
		ln := c.pasv()
		defer ln.Close()
		c.recv() // LIST or MLSD
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 here")
		dc.Write([]byte(strings.Join(lines, "\r\n") + "\r\n"))
		dc.Close()
		c.send("226 done")
		c.recv()
	}
}

func TestReadDir(t *testing.T) {
	tests := []struct {
		name    string
		mlst    bool
		lines   []string
		want    string // names and kinds, in order
		unknown string // the line of an *UnparsedLineError
	}{
		{"unix", false, []string{
			"total 8",
			"drwxr-xr-x 2 u g 4096 Jan 01 2026 .",
			"drwxr-xr-x 2 u g 4096 Jan 01 2026 ..",
			"-rw-r--r-- 1 u g 12 Jan 01 2026 a b.txt",
			"drwxr-xr-x 2 u g 4096 Jan 01 2026 sub",
			"lrwxrwxrwx 1 u g 5 Jan 01 2026 l -> a b.txt",
		}, "a b.txt:file sub:dir l:link", ""},
		{"dos", false, []string{
			"12-06-26  03:04PM       <DIR>          sub dir",
			"12-06-26  03:04PM                 1234 f.bin",
		}, "sub dir:dir f.bin:file", ""},
		{"mlsd", true, []string{
			"type=cdir;modify=20260101000000; .",
			"type=pdir;modify=20260101000000; ..",
			"type=file;size=3;modify=20260101000000; x y",
			"type=dir;modify=20260101000000; d",
		}, "x y:file d:dir", ""},
		{"unparsed", false, []string{
			"-rw-r--r-- 1 u g 12 Jan 01 2026 ok",
			"this is no listing line",
		}, "", "this is no listing line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, listScript(tt.mlst, tt.lines...))
			s, _ := fs.dial(t, Config{})
			var got []string
			err := s.ReadDir(t.Context(), "", func(e Entry) error {
				got = append(got, e.Name+":"+e.Kind.String())
				return nil
			})
			if tt.unknown != "" {
				var ue *UnparsedLineError
				if !errors.As(err, &ue) || ue.Line != tt.unknown || !errors.Is(err, ErrUnparsedLine) {
					t.Fatalf("err = %v, want an UnparsedLineError for %q", err, tt.unknown)
				}
				if s.Err() != nil {
					t.Errorf("session unusable after an unparsed line: %v", s.Err())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("entries %q, want %q", g, tt.want)
			}
		})
	}
}

func TestListCounter(t *testing.T) {
	c := ListLimit{Entries: 3, Bytes: 10}.Counter()
	for _, n := range []string{"ab", "cd", "ef"} {
		if err := c.Add(n); err != nil {
			t.Fatalf("Add(%q): %v", n, err)
		}
	}
	if err := c.Add("g"); !errors.Is(err, ErrListTooLong) {
		t.Errorf("fourth entry: %v, want ErrListTooLong", err)
	}
	c = ListLimit{Entries: 100, Bytes: 4}.Counter()
	c.Add("abc")
	if err := c.Add("de"); !errors.Is(err, ErrListTooLong) {
		t.Errorf("bytes over the limit: %v, want ErrListTooLong", err)
	}
	if d := (ListLimit{}).Counter(); d.limit != DefaultListLimit {
		t.Errorf("zero ListLimit counts to %+v, want DefaultListLimit", d.limit)
	}
}
