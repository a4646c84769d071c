package client

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseMLSxEntry(t *testing.T) {
	mod := time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC)
	tests := []struct {
		name   string
		line   string
		want   Entry // Facts not compared
		err    error
		nfacts int
	}{
		{"rfc 3659 file", "Type=file;Size=1830;Modify=20240305140709;Perm=r; file1.txt",
			Entry{Name: "file1.txt", Type: "file", Size: 1830, Modify: mod}, nil, 4},
		{"lower case, fraction", "type=file;size=0;modify=20240305140709.250; empty",
			Entry{Name: "empty", Type: "file", Size: 0, Modify: mod.Add(250 * time.Millisecond)}, nil, 3},
		{"dir", "type=dir;modify=20240305140709; sub dir",
			Entry{Name: "sub dir", Type: "dir", Size: -1, Modify: mod}, nil, 2},
		{"cdir", "type=cdir;unique=AQ; /home/u", Entry{Name: "/home/u", Type: "cdir", Size: -1}, nil, 2},
		{"no facts", " bare", Entry{Name: "bare", Size: -1}, nil, 0},
		{"name with spaces and semicolons", "type=file;size=5; a b;c=d; e",
			Entry{Name: "a b;c=d; e", Type: "file", Size: 5}, nil, 2},
		{"OS type with =", "type=OS.unix=slink:/x;size=1; link", Entry{Name: "link", Type: "os.unix=slink:/x", Size: 1}, nil, 2},
		{"largest size", "type=file;size=9223372036854775807; huge", Entry{Name: "huge", Type: "file", Size: 1<<63 - 1}, nil, 2},
		{"bad modify ignored", "type=file;size=1;modify=2024; f", Entry{Name: "f", Type: "file", Size: 1}, nil, 3},
		{"bad modify fraction ignored", "type=file;size=1;modify=20240305140709.x; f", Entry{Name: "f", Type: "file", Size: 1}, nil, 3},
		{"bad modify month ignored", "type=file;size=1;modify=20241305140709; f", Entry{Name: "f", Type: "file", Size: 1}, nil, 3},

		{"negative size", "type=file;size=-1; f", Entry{}, ErrMalformedEntry, 0},
		{"signed size", "type=file;size=+1; f", Entry{}, ErrMalformedEntry, 0},
		{"size overflow", "type=file;size=9223372036854775808; f", Entry{}, ErrMalformedEntry, 0},
		{"size too many digits", "type=file;size=00000000000000000001; f", Entry{}, ErrMalformedEntry, 0},
		{"size hex", "type=file;size=0x10; f", Entry{}, ErrMalformedEntry, 0},
		{"empty size", "type=file;size=; f", Entry{}, ErrMalformedEntry, 0},
		{"no space", "type=file;size=1;f", Entry{}, ErrMalformedEntry, 0},
		{"no name", "type=file;size=1; ", Entry{}, ErrMalformedEntry, 0},
		{"empty line", "", Entry{}, ErrMalformedEntry, 0},
		{"fact without =", "type=file;size; f", Entry{}, ErrMalformedEntry, 0},
		{"empty fact", "type=file;;size=1; f", Entry{}, ErrMalformedEntry, 0},
		{"facts without final ;", "type=file;size=1 f", Entry{}, ErrMalformedEntry, 0},
		{"too many facts", strings.Repeat("x=1;", maxFacts+1) + " f", Entry{}, ErrMalformedEntry, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseMLSxEntry(tt.line)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if e.Name != tt.want.Name || e.Type != tt.want.Type || e.Size != tt.want.Size ||
				!e.Modify.Equal(tt.want.Modify) || len(e.Facts) != tt.nfacts {
				t.Fatalf("got %+v, want %+v with %d facts", e, tt.want, tt.nfacts)
			}
		})
	}
}

func FuzzParseMLSxEntry(f *testing.F) {
	for _, s := range []string{"type=file;size=1; f", " bare", "type=file;size=-1; f", "a=b=c;; x", "modify=20240305140709.9999999999; m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, err := ParseMLSxEntry(line)
		if err != nil {
			return
		}
		if e.Name == "" || e.Size < -1 || len(e.Facts) > maxFacts {
			t.Fatalf("ParseMLSxEntry(%q) = %+v", line, e)
		}
	})
}

func TestFeatures(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("FEAT")
		c.send("211-Extensions supported:", " MLST size*;type*;modify*;", " SIZE", " utf8", "211 End")
		c.recv()
	})
	s, _ := fs.dial(t, Config{})
	for i := 0; i < 2; i++ { // the second call is answered from the cache
		f, err := s.Features(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !f.Has("size") || !f.Has("MLST") || !f.Has("UTF8") || f.Has("MDTM") || f["MLST"] != "size*;type*;modify*;" {
			t.Fatalf("features %v", f)
		}
	}
}

func TestFeaturesRefused(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("FEAT")
		c.send("502 Command not implemented.")
		c.recv()
	})
	s, _ := fs.dial(t, Config{})
	f, err := s.Features(t.Context())
	if err != nil || len(f) != 0 {
		t.Fatalf("features %v, %v", f, err)
	}
	if f, err = s.Features(t.Context()); err != nil || len(f) != 0 { // cached: no second FEAT
		t.Fatalf("features %v, %v", f, err)
	}
}

func TestSizes(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
		err  error
	}{
		{"files only", "type=cdir; .\r\ntype=pdir; ..\r\ntype=file;size=3; a.bin\r\ntype=dir; sub\r\ntype=file; nosize\r\nType=File;Size=0; empty\r\n",
			"a.bin=3 empty=0", nil},
		{"hostile size", "type=file;size=-5; a\r\n", "", ErrMalformedEntry},
		{"garbage line", "type=file;size=3;a\r\n", "", ErrMalformedEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := listingFake(t, "MLSD dir", tt.data)
			s, _ := fs.dial(t, Config{})
			s.feats = Features{"MLST": "type*;size*;"} // as if FEAT had been asked
			sizes, err := s.Sizes(t.Context(), "dir")
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var got []string
			for _, k := range []string{"a.bin", "empty", "nosize", "sub", ".", ".."} {
				if n, ok := sizes[k]; ok {
					got = append(got, k+"="+strconv.FormatInt(n, 10))
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("sizes %v", sizes)
			}
			if _, err := s.Noop(t.Context()); err != nil {
				t.Fatalf("session not usable: %v", err)
			}
		})
	}
}
