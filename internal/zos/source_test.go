package zos

import (
	"errors"
	"io"
	"strings"
	"testing"
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
