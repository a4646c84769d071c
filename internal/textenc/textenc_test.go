package textenc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with the given byte order, BOM first.
func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b
}

const text = "USER ftpuser\r\nMSGIDS TRUE ; é ü\r\nput naïve.txt 🙂\r\n"

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		err  string // substring of the error; "" = none
	}{
		{"plain", []byte(text), text, ""},
		{"empty", nil, "", ""},
		{"one byte", []byte("x"), "x", ""},
		{"UTF-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, ""},
		{"UTF-8 BOM only", []byte{0xEF, 0xBB, 0xBF}, "", ""},
		{"not a BOM", []byte("\xEF\xBBx"), "\xEF\xBBx", ""},
		{"UTF-16LE", utf16Bytes(text, false), text, ""},
		{"UTF-16BE", utf16Bytes(text, true), text, ""},
		{"UTF-16LE BOM only", []byte{0xFF, 0xFE}, "", ""},
		{"UTF-16 odd length", append(utf16Bytes("ab", false), 'c'), "ab", "ends in the middle of a UTF-16 character (byte 6)"},
		{"UTF-16 lone high surrogate at the end", utf16Bytes("a\U0001F642", false)[:6], "a", "ends in the middle of a UTF-16 character"},
		{"UTF-16 unpaired high surrogate", []byte{0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 'b', 0}, "a", "unpaired UTF-16 surrogate at byte 4"},
		{"UTF-16 lone low surrogate", []byte{0xFE, 0xFF, 0, 'a', 0xDE, 0x42}, "a", "unpaired UTF-16 surrogate at byte 4"},
		{"UTF-16LE without BOM", []byte("U\x00S\x00E\x00R\x00"), "", "UTF-16 without a byte order mark"},
		{"UTF-16BE without BOM", []byte("\x00U\x00S"), "", "UTF-16 without a byte order mark"},
		{"UTF-32LE", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}, "", "UTF-32"},
		{"UTF-32BE", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 'a'}, "", "UTF-32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(how string, got []byte, err error) {
				t.Helper()
				if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
					t.Fatalf("%s: err = %v, want %q", how, err, tt.err)
				}
				if err != nil && (!errors.Is(err, ErrEncoding) || !strings.HasPrefix(err.Error(), "job.txt: ")) {
					t.Fatalf("%s: %v does not wrap ErrEncoding or name the input", how, err)
				}
				if string(got) != tt.want {
					t.Fatalf("%s: %q, want %q", how, got, tt.want)
				}
			}
			got, err := Decode(tt.in, "job.txt")
			if err != nil {
				got = nil
			}
			if tt.err != "" {
				tt.want = "" // Decode returns no text with an error
			}
			check("Decode", got, err)
		})
	}
	// Read one byte at a time, the text before an error comes first.
	for _, tt := range tests {
		t.Run("stream/"+tt.name, func(t *testing.T) {
			r := NewReader(iotest.OneByteReader(bytes.NewReader(tt.in)), "job.txt")
			got, err := io.ReadAll(iotest.OneByteReader(r))
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
			if string(got) != tt.want {
				t.Fatalf("%q, want %q", got, tt.want)
			}
			if tt.err != "" {
				if _, again := r.Read(make([]byte, 8)); again == nil || again.Error() != err.Error() {
					t.Fatalf("second Read: %v, want the same error", again)
				}
			}
		})
	}
}

// TestReaderDoesNotWait: a line typed at a terminal (a short first read,
// even a lone line end) is returned without waiting for more input.
func TestReaderDoesNotWait(t *testing.T) {
	for _, first := range []string{"\n", "quit\n", "y\n", "\r\n"} {
		pr, pw := io.Pipe()
		defer pw.Close()
		go pw.Write([]byte(first))
		r := NewReader(pr, "standard input")
		done := make(chan string, 1)
		go func() {
			b := make([]byte, len(first))
			n, _ := io.ReadFull(r, b)
			done <- string(b[:n])
		}()
		select {
		case got := <-done:
			if got != first {
				t.Errorf("read %q, want %q", got, first)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Read of %q waits for more input", first)
		}
	}
}

// TestLargeUTF16: text longer than one read buffer, with characters cut
// across reads, comes out whole.
func TestLargeUTF16(t *testing.T) {
	want := strings.Repeat("ligne 🙂 é\r\n", 5000)
	for _, be := range []bool{false, true} {
		got, err := io.ReadAll(NewReader(iotest.HalfReader(bytes.NewReader(utf16Bytes(want, be))), "f"))
		if err != nil || string(got) != want {
			t.Fatalf("big endian %v: %d bytes, %v", be, len(got), err)
		}
	}
}
