package client

import (
	"errors"
	"io"
	"testing"
)

// A binary Retr checks its bytes against SIZE (asked when FEAT lists it)
// or the size the caller gives; a short file is a *SizeError.
func TestRetrSizeCheck(t *testing.T) {
	tests := []struct {
		name  string
		feat  string // FEAT's feature line, "" for a refused FEAT
		size  string // the reply to SIZE, "" when SIZE is not asked
		opts  *TransferOptions
		data  string
		want  string // Source of the *SizeError, "" for success
		wantN int64
	}{
		{"SIZE short", " SIZE", "213 10", nil, "short", SizeFromCommand, 10},
		{"SIZE exact", " SIZE", "213 5", nil, "exact", "", 0},
		{"SIZE refused", " SIZE", "550 not a plain file", nil, "short", "", 0},
		{"no SIZE feature", " MDTM", "", nil, "short", "", 0},
		{"FEAT refused", "", "", nil, "short", "", 0},
		{"given short", "", "", &TransferOptions{SizeCheck: SizeGiven, ExpectSize: 9}, "short", SizeFromCaller, 9},
		{"given empty, bytes came", "", "", &TransferOptions{SizeCheck: SizeGiven}, "short", SizeFromCaller, 0},
		{"off", "", "", &TransferOptions{SizeCheck: SizeOff}, "short", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, func(c *fakeConn) {
				c.send("220 hi")
				c.expect("TYPE I")
				c.send("200 binary")
				if tt.opts == nil {
					c.expect("FEAT")
					if tt.feat == "" {
						c.send("502 no FEAT")
					} else {
						c.send("211-Features:", tt.feat, "211 End")
					}
					if tt.size != "" {
						c.expect("SIZE x")
						c.send(tt.size)
					}
				}
				ln := c.pasv()
				defer ln.Close()
				c.expect("RETR x")
				dc, err := ln.Accept()
				if err != nil {
					return
				}
				c.send("125 sending")
				dc.Write([]byte(tt.data))
				dc.Close()
				c.send("250 Transfer completed successfully.")
				c.recv()
			})
			s, _ := fs.dial(t, Config{})
			if _, err := s.Type(t.Context(), TypeImage); err != nil {
				t.Fatal(err)
			}
			_, err := s.Retr(t.Context(), "x", io.Discard, tt.opts)
			var se *SizeError
			if tt.want == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if !errors.As(err, &se) || !errors.Is(err, ErrShortTransfer) {
				t.Fatalf("err = %v, want a *SizeError", err)
			}
			if se.Source != tt.want || se.Want != tt.wantN || se.Got != int64(len(tt.data)) {
				t.Errorf("SizeError %+v", se)
			}
		})
	}
}

// A server whose FEAT lists MLST but not SIZE: the size comes from MLST.
func TestRetrSizeCheckByMLST(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("TYPE I")
		c.send("200 binary")
		c.expect("FEAT")
		c.send("211-Features:", " MLST type*;size*;", "211 End")
		c.expect("MLST x")
		c.send("250-x", " type=file;size=10; x", "250 End")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR x")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("125 sending")
		dc.Write([]byte("short"))
		dc.Close()
		c.send("250 Transfer completed successfully.")
		c.recv()
	})
	s, _ := fs.dial(t, Config{})
	if _, err := s.Type(t.Context(), TypeImage); err != nil {
		t.Fatal(err)
	}
	_, err := s.Retr(t.Context(), "x", io.Discard, nil)
	var se *SizeError
	if !errors.As(err, &se) || se.Source != SizeFromMLST || se.Want != 10 || se.Got != 5 {
		t.Fatalf("err = %v, want a SizeError from MLST", err)
	}
}
