package client

import (
	"bytes"
	"testing"
)

// TestCRLFWriterCounts: an ASCII download counts the NUL bytes and the CRs
// not followed by LF it sees, however the data is split into writes; CR
// LF pairs and plain text count nothing.
func TestCRLFWriterCounts(t *testing.T) {
	for _, tt := range []struct {
		name        string
		chunks      []string
		nul, loneCR int64
		out         string
	}{
		{"text", []string{"a\r\nb\r\n"}, 0, 0, "a\nb\n"},
		{"CR LF pairs only", []string{"\r\n\r\n\r\n"}, 0, 0, "\n\n\n"},
		{"CR LF split across writes", []string{"a\r", "\nb\r", "\n"}, 0, 0, "a\nb\n"},
		{"lone CR inside", []string{"a\rb\r\n"}, 0, 1, "a\rb\n"},
		{"lone CR at a write's end, then text", []string{"a\r", "b"}, 0, 1, "a\rb"},
		{"lone CR at the end of the data", []string{"a\r\nb\r"}, 0, 1, "a\nb\r"},
		{"CR CR LF", []string{"\r\r\n"}, 0, 1, "\r\n"},
		{"NUL bytes", []string{"\x00a\x00", "\x00"}, 3, 0, "\x00a\x00\x00"},
		{"both", []string{"\x00\r\x00\r\n"}, 2, 1, "\x00\r\x00\n"},
		{"an empty write between CR and LF", []string{"a\r", "", "\n"}, 0, 0, "a\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := newCRLFWriter(&buf)
			for _, c := range tt.chunks {
				if _, err := w.Write([]byte(c)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.out {
				t.Errorf("wrote %q, want %q", buf.String(), tt.out)
			}
			if w.nul != tt.nul || w.loneCR != tt.loneCR {
				t.Errorf("NUL %d, lone CR %d; want %d, %d", w.nul, w.loneCR, tt.nul, tt.loneCR)
			}
		})
	}
}

// TestRetrASCIIReportsBinarySigns: Retr in ASCII type reports the counts
// in its Transfer, so that a caller can warn before it keeps the file.
func TestRetrASCIIReportsBinarySigns(t *testing.T) {
	fs := newFake(t, retrScript("PK\x03\x04\x00\x00\r\x1a\r\n", false, "226 ok"))
	s, _ := fs.dial(t, Config{})
	var buf bytes.Buffer
	tr, err := s.Retr(t.Context(), "x", &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tr.NUL != 2 || tr.LoneCR != 1 {
		t.Errorf("Transfer NUL %d, LoneCR %d; want 2, 1", tr.NUL, tr.LoneCR)
	}
}
