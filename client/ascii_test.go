package client

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLocalEOL: text files end their lines with CR LF on Windows and with
// LF elsewhere.
func TestLocalEOL(t *testing.T) {
	want := eolLF
	if runtime.GOOS == "windows" {
		want = eolCRLF
	}
	if localEOL != want {
		t.Fatalf("localEOL on %s = %d, want %d", runtime.GOOS, localEOL, want)
	}
}

// localText returns the local form of a text for this OS: unix on Unix
// and macOS, windows on Windows.
func localText(unix, windows string) string {
	if localEOL == eolCRLF {
		return windows
	}
	return unix
}

// textCases are wire (CR LF) texts and their local forms under each
// line-end rule. A lone CR is data under both rules.
var textCases = []struct {
	name       string
	wire       string
	lf, crlf   string // local forms written by a download
	lfUp, crUp string // wire form of an upload of lf, crlf
}{
	{"lines", "a\r\nb\r\n", "a\nb\n", "a\r\nb\r\n", "a\r\nb\r\n", "a\r\nb\r\n"},
	{"no final line end", "a\r\nb", "a\nb", "a\r\nb", "a\r\nb", "a\r\nb"},
	{"empty lines", "\r\n\r\n", "\n\n", "\r\n\r\n", "\r\n\r\n", "\r\n\r\n"},
	{"lone CR kept", "a\rb\r\n", "a\rb\n", "a\rb\r\n", "a\rb\r\n", "a\rb\r\n"},
	{"CR at the end", "a\r", "a\r", "a\r", "a\r", "a\r"},
	{"empty", "", "", "", "", ""},
}

// writeSplit writes in through w cut at the given offsets, then flushes.
func writeSplit(t *testing.T, eol lineEnd, in string, cuts ...int) string {
	t.Helper()
	var buf bytes.Buffer
	w := newTextWriter(&buf, eol)
	prev := 0
	for _, c := range append(cuts, len(in)) {
		n, err := w.Write([]byte(in[prev:c]))
		if err != nil || n != c-prev {
			t.Fatalf("Write(%q) = %d, %v", in[prev:c], n, err)
		}
		prev = c
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestTextWriter: a download's CR LF becomes LF under the LF rule and
// stays CR LF under the CR LF rule, however the data is cut into writes.
func TestTextWriter(t *testing.T) {
	for _, tc := range textCases {
		for _, r := range []struct {
			eol  lineEnd
			want string
		}{{eolLF, tc.lf}, {eolCRLF, tc.crlf}} {
			for i := 0; i <= len(tc.wire); i++ {
				for j := i; j <= len(tc.wire); j++ {
					if got := writeSplit(t, r.eol, tc.wire, i, j); got != r.want {
						t.Errorf("%s, rule %d, cut at %d,%d: wrote %q, want %q", tc.name, r.eol, i, j, got, r.want)
					}
				}
			}
		}
	}
}

// TestTextWriterBareLF: under the CR LF rule a lone LF from a server
// that breaks RFC 959 still gives a Windows line end; under the LF rule
// it stays LF.
func TestTextWriterBareLF(t *testing.T) {
	in := "a\nb\r\nc\n"
	if got := writeSplit(t, eolCRLF, in, 2); got != "a\r\nb\r\nc\r\n" {
		t.Errorf("CR LF rule: %q", got)
	}
	if got := writeSplit(t, eolLF, in, 2); got != "a\nb\nc\n" {
		t.Errorf("LF rule: %q", got)
	}
}

// TestTextReader: an upload's local line ends become CR LF on the wire.
// Under the CR LF rule a local CR LF is sent unchanged (never CR CR LF)
// and a lone LF gains a CR; under the LF rule every LF gains a CR, so a
// CR before it is data.
func TestTextReader(t *testing.T) {
	read := func(eol lineEnd, in string) string {
		t.Helper()
		out, err := io.ReadAll(iotest.OneByteReader(newTextReader(iotest.HalfReader(strings.NewReader(in)), eol)))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, tc := range textCases {
		if got := read(eolLF, tc.lf); got != tc.lfUp {
			t.Errorf("%s, LF rule: sent %q, want %q", tc.name, got, tc.lfUp)
		}
		if got := read(eolCRLF, tc.crlf); got != tc.crUp {
			t.Errorf("%s, CR LF rule: sent %q, want %q", tc.name, got, tc.crUp)
		}
	}
	for _, r := range []struct {
		eol      lineEnd
		in, want string
	}{
		{eolLF, "a\r\nb\n", "a\r\r\nb\r\n"}, // Unix: the CR is data
		{eolCRLF, "a\r\nb\n", "a\r\nb\r\n"}, // Windows: mixed line ends
		{eolCRLF, "a\n\r\n\n", "a\r\n\r\n\r\n"},
		{eolCRLF, "a\r\r\n", "a\r\r\n"},
	} {
		if got := read(r.eol, r.in); got != r.want {
			t.Errorf("rule %d, %q: sent %q, want %q", r.eol, r.in, got, r.want)
		}
	}
}

// TestLFReaderIsLocal: newLFReader, the reader of every ASCII upload,
// follows this OS's rule: a CR LF file is sent as CR LF on Windows and
// as CR CR LF (the CR is data) elsewhere.
func TestLFReaderIsLocal(t *testing.T) {
	out, err := io.ReadAll(newLFReader(strings.NewReader("x\r\ny\n")))
	if err != nil {
		t.Fatal(err)
	}
	if want := localText("x\r\r\ny\r\n", "x\r\ny\r\n"); string(out) != want {
		t.Fatalf("sent %q, want %q on %s", out, want, runtime.GOOS)
	}
}
