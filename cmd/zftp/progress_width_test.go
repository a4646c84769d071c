//go:build unix

package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/creack/pty"
)

// csi matches an ANSI control sequence.
var csi = regexp.MustCompile("\x1b\\[[0-9;?]*[@-~]")

// TestPTYProgressLine40Columns: in a 40-column terminal no piece of the
// progress line is longer than 40 columns (so it never wraps and piles
// up), and it is still drawn.
func TestPTYProgressLine40Columns(t *testing.T) {
	srv := polishServer(t)
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	if err := pty.Setsize(s.PTY, &pty.Winsize{Rows: 40, Cols: 40}); err != nil {
		t.Fatal(err)
	}
	s.login(srv)
	s.Send("binary\r")
	s.Expect("EZA1460I Command:")
	s.Send("get bigfile.bin a-rather-long-local-file-name-for-the-line.bin\r")
	s.Expect("EZA1617I 8388608 bytes transferred in ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	s.Wait()
	out := s.Output()
	i := strings.Index(out, ">>> RETR bigfile.bin")
	j := strings.Index(out, "EZA1617I")
	if i < 0 || j < i {
		t.Fatalf("no RETR and EZA1617I:\n%s", out)
	}
	seg := out[i:j]
	drawn := false
	for _, piece := range strings.FieldsFunc(seg, func(r rune) bool { return r == '\r' || r == '\n' }) {
		text := csi.ReplaceAllString(piece, "")
		if !strings.Contains(text, "%") {
			continue // server replies and the transcript wrap as any text does
		}
		drawn = true
		if n := utf8.RuneCountInString(text); n > 40 {
			t.Errorf("progress line of %d columns in a 40-column terminal: %q", n, text)
		}
	}
	if !drawn {
		t.Errorf("no progress line drawn:\n%q", seg)
	}
}
