//go:build unix

package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// ptySizes are the terminal sizes of issue 23's acceptance (rows, cols).
var ptySizes = []struct{ rows, cols uint16 }{{24, 80}, {12, 40}}

// TestPTYProgressBySize: at 80x24 the progress line shows the bar, the
// rate and the time left; at 40x12 the compact line shows percent and
// rate; at both no line is as wide as the terminal (it never wraps, and
// no field is cut at the edge: each drawn line ends with a whole field).
// Ctrl-C during a transfer clears the line before the abort is reported
// (issue 23 item 10).
func TestPTYProgressBySize(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DataDelay: 10 * time.Millisecond}))
	srv.WriteFile(t, "big.bin", bytes.Repeat([]byte("0123456789abcdef"), 1<<15)) // 512 KiB: 32 blocks, about 0.3 s
	srv.WriteFile(t, "slow.bin", resumeData())
	for _, sz := range ptySizes {
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			home := t.TempDir()
			s := startPTYSize(t, home, sz.rows, sz.cols, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
			s.login(srv)
			s.Send("binary\r")
			s.Expect("Command:")
			s.Send("get big.bin\r")
			s.Expect("bytes transferred")
			s.Expect("Command:")
			s.Send("get slow.bin\r")
			s.Expect(">>> RETR slow.bin")
			waitForData(t, home, func(n string) bool { return strings.Contains(n, ".zftp-") })
			time.Sleep(50 * time.Millisecond)
			s.Send("\x03")
			s.Expect(">>> ABOR")
			s.Expect("Command:")
			s.Send("quit\r")
			s.Wait()
			out := s.Output()

			i, j := strings.Index(out, ">>> RETR big.bin"), strings.Index(out, "bytes transferred")
			if i < 0 || j < i {
				t.Fatalf("no RETR big.bin and EZA1617I:\n%s", out)
			}
			var lines []string
			for _, piece := range strings.FieldsFunc(out[i:j], func(r rune) bool { return r == '\r' || r == '\n' }) {
				text := strings.TrimRight(csi.ReplaceAllString(piece, ""), " ")
				if !strings.Contains(text, "%") {
					continue
				}
				lines = append(lines, text)
				if n := utf8.RuneCountInString(text); n >= int(sz.cols) {
					t.Errorf("a progress line of %d columns at %d: %q", n, sz.cols, text)
				}
				if sz.cols == 80 && !strings.HasSuffix(text, "]") || sz.cols == 40 && !strings.ContainsAny(text[len(text)-1:], "0123456789s%") {
					t.Errorf("a progress line cut mid-field at %d columns: %q", sz.cols, text)
				}
			}
			if len(lines) == 0 {
				t.Fatalf("no progress line drawn:\n%q", out[i:j])
			}
			last := lines[len(lines)-1]
			if sz.cols == 80 && (!strings.Contains(last, "|") || !strings.Contains(last, "/s") || !strings.Contains(last, "[")) {
				t.Errorf("at 80 columns the line lacks the bar, rate or time left: %q", last)
			}
			if sz.cols == 40 && !strings.Contains(last, "/s") {
				t.Errorf("at 40 columns the compact line lacks the rate: %q", last)
			}

			k, abor := strings.Index(out, ">>> RETR slow.bin"), strings.Index(out, ">>> ABOR")
			seg := out[k:abor]
			drawnAt := strings.LastIndex(seg, "%")
			if drawnAt < 0 {
				t.Fatalf("no progress line before Ctrl-C:\n%q", seg)
			}
			if !strings.Contains(seg[drawnAt:], "\x1b[2K") {
				t.Errorf("the progress line was not cleared on Ctrl-C before the abort:\n%q", seg[drawnAt:])
			}
		})
	}
}
