package client

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadReply(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		code  int
		lines []string
		err   error
	}{
		{"single", "220 ready\r\n", 220, []string{"220 ready"}, nil},
		{"bare code", "200\r\n", 200, []string{"200"}, nil},
		{"lf only", "331 Send password please.\n", 331, []string{"331 Send password please."}, nil},
		{"multi", "220-FTPD1 IBM FTP CS V2R8\r\n220 Connection will close\r\n", 220,
			[]string{"220-FTPD1 IBM FTP CS V2R8", "220 Connection will close"}, nil},
		{"multi inner codes", "211-Features:\r\n EPSV\r\n200 not the end\r\n211-still not\r\n211 End\r\n", 211,
			[]string{"211-Features:", " EPSV", "200 not the end", "211-still not", "211 End"}, nil},
		{"multi bare end", "250-a\r\n250\r\n", 250, []string{"250-a", "250"}, nil},
		{"malformed letters", "abc hello\r\n", 0, nil, ErrMalformedReply},
		{"malformed short", "22\r\n", 0, nil, ErrMalformedReply},
		{"malformed sep", "220xready\r\n", 0, nil, ErrMalformedReply},
		{"code out of range", "600 what\r\n", 0, nil, ErrMalformedReply},
		{"eof", "", 0, nil, io.EOF},
		{"eof mid line", "220 rea", 0, nil, io.ErrUnexpectedEOF},
		{"eof mid multi", "220-a\r\n", 0, nil, io.ErrUnexpectedEOF},
		{"line too long", "220 " + strings.Repeat("x", 200) + "\r\n", 0, nil, ErrLineTooLong},
		{"line at the limit", "220 " + strings.Repeat("x", 96) + "\r\n", 220, []string{"220 " + strings.Repeat("x", 96)}, nil},
		{"line at the limit, lf", "220 " + strings.Repeat("x", 96) + "\n", 220, []string{"220 " + strings.Repeat("x", 96)}, nil},
		{"line one over", "220 " + strings.Repeat("x", 97) + "\r\n", 0, nil, ErrLineTooLong},
		{"line one over, lf", "220 " + strings.Repeat("x", 97) + "\n", 0, nil, ErrLineTooLong},
		{"line with a cr inside", "220 a\rb\r\n", 220, []string{"220 a\rb"}, nil},
		{"multi, last line over", "220-a\r\n220 " + strings.Repeat("x", 97) + "\r\n", 0, nil, ErrLineTooLong},
		{"too many lines", "220-a\r\n" + strings.Repeat("x\r\n", 20), 0, nil, ErrTooManyLines},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rr := newReplyReader(strings.NewReader(tt.in), 100, 10)
			r, err := rr.ReadReply()
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Code != tt.code || strings.Join(r.Lines, "|") != strings.Join(tt.lines, "|") {
				t.Fatalf("got %d %q, want %d %q", r.Code, r.Lines, tt.code, tt.lines)
			}
		})
	}
}

func TestReplyText(t *testing.T) {
	r := &Reply{Code: 257, Lines: []string{`257-first`, `second`, `257 "/x" created`}}
	if got, want := r.Text(), "first\nsecond\n\"/x\" created"; got != want {
		t.Fatalf("Text = %q, want %q", got, want)
	}
	if r.Last() != `257 "/x" created` {
		t.Fatalf("Last = %q", r.Last())
	}
}

func TestReadReplyLongLineAcrossBuffer(t *testing.T) {
	long := "220 " + strings.Repeat("y", 6000)
	rr := newReplyReader(strings.NewReader(long+"\r\n"), 8192, 10)
	r, err := rr.ReadReply()
	if err != nil || r.Lines[0] != long {
		t.Fatalf("long line: %v", err)
	}
}

func FuzzReadReply(f *testing.F) {
	for _, s := range []string{
		"220 ready\r\n", "220-a\r\n b\r\n220 c\r\n", "211-Features:\r\n EPSV\r\n SIZE\r\n211 End\r\n",
		"227 Entering Passive Mode (127,0,0,1,4,1)\r\n", "x\r\n", "150-\r\n150\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rr := newReplyReader(strings.NewReader(in), 512, 50)
		for i := 0; i < 100; i++ {
			r, err := rr.ReadReply()
			if err != nil {
				return
			}
			if r.Code < 100 || r.Code > 599 || len(r.Lines) == 0 || len(r.Lines) > 50 {
				t.Fatalf("bad reply %+v", r)
			}
			for _, l := range r.Lines {
				if len(l) > 512 || strings.ContainsAny(l, "\n") {
					t.Fatalf("bad line %q", l)
				}
			}
		}
	})
}
