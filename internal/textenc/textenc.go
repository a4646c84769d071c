// Package textenc reads the text files that Windows tools write, for
// batch input, FTP.DATA and netrc: a UTF-8 byte order mark (Notepad,
// PowerShell's -Encoding UTF8) is removed, UTF-16 with a byte order mark
// (PowerShell 5.1's ">" and Out-File, Notepad's "UTF-16") is decoded to
// UTF-8, and what cannot be read as text without guessing (UTF-16 without
// a byte order mark, UTF-32) is refused with an error that names the
// input and says what to do, instead of being read as garbage.
//
// Byte order marks are those of the Unicode Standard, chapter 23.8
// "Specials" (U+FEFF in each encoding form): EF BB BF (UTF-8), FF FE
// (UTF-16LE), FE FF (UTF-16BE), FF FE 00 00 (UTF-32LE), 00 00 FE FF
// (UTF-32BE).
package textenc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrEncoding is wrapped by every error for text in an encoding that
// cannot be read.
var ErrEncoding = errors.New("unsupported text encoding")

// Byte order marks.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// NewReader returns a reader of r's text as UTF-8: a UTF-8 byte order
// mark removed, UTF-16 with a byte order mark decoded, other text passed
// as it is. name ("standard input", a file name) is used in errors. It
// reads no more of r before its first result than it needs to tell a
// byte order mark (at most 4 bytes; one when the first byte is a line
// end), so a line typed at a terminal is not held back. Errors wrap ErrEncoding and are returned again on every
// later Read; text decoded before an error is returned first.
func NewReader(r io.Reader, name string) io.Reader {
	return &reader{r: r, name: name}
}

// Decode returns data as UTF-8 text, as NewReader reads it.
func Decode(data []byte, name string) ([]byte, error) {
	if len(data) < 2 || data[0] != 0 && data[1] != 0 && !bomStart(data[0]) {
		return data, nil // nothing to do, no copy
	}
	return io.ReadAll(NewReader(bytes.NewReader(data), name))
}

// bomStart reports whether a byte order mark may start with b.
func bomStart(b byte) bool { return b == 0xEF || b == 0xFF || b == 0xFE || b == 0x00 }

type reader struct {
	r       io.Reader
	name    string
	sniffed bool
	order   binary.ByteOrder // UTF-16's byte order; nil: bytes pass as they are
	head    []byte           // bytes read while sniffing, still to be returned or decoded
	in      []byte           // UTF-16: bytes read, not yet decoded
	out     []byte           // UTF-16: decoded text not yet returned
	outBuf  []byte           // UTF-16: the array out is kept in
	inBuf   []byte           // UTF-16: the array in is kept in
	off     int64            // UTF-16: offset in r of in[0], for errors
	eof     bool             // r is at its end
	err     error            // an encoding or read error, after out is returned
	buf     [4096]byte
}

func (t *reader) Read(p []byte) (int, error) {
	if !t.sniffed {
		t.sniffed = true
		if err := t.sniff(); err != nil {
			t.err = err
		}
	}
	if t.order == nil {
		if len(t.head) > 0 {
			n := copy(p, t.head)
			t.head = t.head[n:]
			return n, nil
		}
		if t.err != nil {
			return 0, t.err
		}
		return t.r.Read(p)
	}
	for len(t.out) == 0 {
		if t.err != nil {
			return 0, t.err
		}
		t.fill()
		t.out = t.outBuf[:0]
		t.decode()
		t.outBuf = t.out[:0]
	}
	n := copy(p, t.out)
	t.out = t.out[n:]
	return n, nil
}

// sniff reads what it takes to tell a byte order mark and sets the
// reader up for what it found.
func (t *reader) sniff() error {
	var head [4]byte
	n := 0
	for n == 0 || n < len(head) && mayGrow(head[:n]) {
		m, err := t.r.Read(head[n:])
		n += m
		if err == io.EOF {
			t.eof = true
			break
		}
		if err != nil {
			t.head = append([]byte(nil), head[:n]...)
			return err
		}
	}
	h := head[:n]
	switch {
	case bytes.HasPrefix(h, bomUTF32LE) || bytes.HasPrefix(h, bomUTF32BE):
		return fmt.Errorf("%s: %w: UTF-32 (save it as UTF-8)", t.name, ErrEncoding)
	case bytes.HasPrefix(h, bomUTF8):
		t.head = append([]byte(nil), h[len(bomUTF8):]...)
	case bytes.HasPrefix(h, bomUTF16LE):
		t.order, t.in, t.off = binary.LittleEndian, append(t.spare(), h[2:]...), 2
	case bytes.HasPrefix(h, bomUTF16BE):
		t.order, t.in, t.off = binary.BigEndian, append(t.spare(), h[2:]...), 2
	case len(h) >= 2 && (h[0] == 0) != (h[1] == 0):
		return fmt.Errorf("%s: %w: it looks like UTF-16 without a byte order mark (save it as UTF-8, or as UTF-16 with a byte order mark)", t.name, ErrEncoding)
	default:
		t.head = append([]byte(nil), h...)
	}
	return nil
}

// mayGrow reports whether the first bytes h do not yet tell what the
// input is: h is a proper prefix of a byte order mark, or one byte that
// could start UTF-16 without one. A lone line end (Enter at a terminal)
// tells: nothing more is waited for.
func mayGrow(h []byte) bool {
	if len(h) == 1 && h[0] != '\n' && h[0] != '\r' {
		return true
	}
	for _, b := range [][]byte{bomUTF8, bomUTF16BE, bomUTF32LE, bomUTF32BE} {
		if len(h) < len(b) && bytes.HasPrefix(b, h) {
			return true
		}
	}
	return false
}

// fill reads more UTF-16 input, or notes the end of it.
func (t *reader) fill() {
	if t.eof {
		if len(t.in) > 0 {
			t.err = fmt.Errorf("%s: %w: it ends in the middle of a UTF-16 character (byte %d)", t.name, ErrEncoding, t.off)
		} else {
			t.err = io.EOF
		}
		return
	}
	n, err := t.r.Read(t.buf[:])
	t.in = append(t.in, t.buf[:n]...)
	switch {
	case err == io.EOF:
		t.eof = true
	case err != nil:
		t.err = err
	}
}

// decode turns the complete UTF-16 code units of in into UTF-8 in out.
// An unpaired surrogate is an error: no replacement character is made
// up for it.
func (t *reader) decode() {
	for len(t.in) >= 2 {
		u := t.order.Uint16(t.in)
		size := 2
		r := rune(u)
		switch {
		case utf16.IsSurrogate(r) && u < 0xDC00: // high surrogate: a low one must follow
			if len(t.in) < 4 {
				return
			}
			r = utf16.DecodeRune(r, rune(t.order.Uint16(t.in[2:])))
			size = 4
			if r == utf8.RuneError {
				t.err = fmt.Errorf("%s: %w: an unpaired UTF-16 surrogate at byte %d", t.name, ErrEncoding, t.off)
				t.in = nil
				return
			}
		case utf16.IsSurrogate(r):
			t.err = fmt.Errorf("%s: %w: an unpaired UTF-16 surrogate at byte %d", t.name, ErrEncoding, t.off)
			t.in = nil
			return
		}
		t.out = utf8.AppendRune(t.out, r)
		t.in = t.in[size:]
		t.off += int64(size)
	}
	t.in = append(t.spare()[:0], t.in...) // the 0 to 3 bytes of a partial character, at the start
}

// spare returns the array that in is kept in.
func (t *reader) spare() []byte {
	if cap(t.inBuf) == 0 {
		t.inBuf = make([]byte, 0, len(t.buf)+4)
	}
	return t.inBuf
}
