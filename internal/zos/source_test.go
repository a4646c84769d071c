package zos

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/zftp/zftp/internal/textenc"
)

func TestBatchSourceVerbatim(t *testing.T) {
	in := "user a\r\n\tquote SITE a\tb\x01c \n\n  pwd\r\r\nlast"
	src := NewBatchSource(strings.NewReader(in), true)
	want := []string{"user a", "\tquote SITE a\tb\x01c ", "", "  pwd\r", "last"}
	for i, w := range want {
		got, err := src.ReadLine()
		if err != nil || got != w {
			t.Fatalf("line %d = %q, %v; want %q", i, got, err, w)
		}
	}
	if _, err := src.ReadLine(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the last line: %v, want EOF", err)
	}
	if _, err := src.ReadSecret(); !errors.Is(err, io.EOF) {
		t.Fatalf("ReadSecret after the last line: %v, want EOF", err)
	}
}

func TestBatchSourceLongLine(t *testing.T) {
	in := strings.Repeat("x", MaxInputLine+10) + "\npwd\n"
	src := NewBatchSource(strings.NewReader(in), true)
	if _, err := src.ReadLine(); !errors.Is(err, errLineTooLong) {
		t.Fatalf("long line: %v, want errLineTooLong", err)
	}
	if got, err := src.ReadLine(); err != nil || got != "pwd" {
		t.Fatalf("line after a long one = %q, %v", got, err)
	}
}

// TestBatchSourceEncodings: batch input with a UTF-8 byte order mark or in
// UTF-16 with one reads as plain lines (no BOM before the first user ID);
// UTF-16 without one fails once with a clear error, then the input ends.
func TestBatchSourceEncodings(t *testing.T) {
	const text = "ftpuser\r\npw\r\nput naïve.txt\r\nquit"
	lines := []string{"ftpuser", "pw", "put naïve.txt", "quit"}
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	for _, in := range [][]byte{append([]byte("\xEF\xBB\xBF"), text...), utf16le} {
		src := NewBatchSource(bytes.NewReader(in), true)
		for i, w := range lines {
			if got, err := src.ReadLine(); err != nil || got != w {
				t.Fatalf("% x...: line %d = %q, %v; want %q", in[:4], i, got, err, w)
			}
		}
		if _, err := src.ReadLine(); !errors.Is(err, io.EOF) {
			t.Fatalf("after the last line: %v", err)
		}
	}
	src := NewBatchSource(bytes.NewReader(utf16le[2:]), true)
	_, err := src.ReadLine()
	if !errors.Is(err, textenc.ErrEncoding) || !strings.Contains(err.Error(), "standard input: ") {
		t.Fatalf("UTF-16 without BOM: %v", err)
	}
	if _, err := src.ReadLine(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the encoding error: %v, want EOF", err)
	}
}
