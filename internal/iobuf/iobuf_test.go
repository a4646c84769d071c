package iobuf

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestFill(t *testing.T) {
	data := []byte("0123456789")
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		r       io.Reader
		buf     int
		want    string
		wantErr error
	}{
		{"one byte per read, buffer filled", iotest.OneByteReader(bytes.NewReader(data)), 4, "0123", nil},
		{"the end within the buffer", iotest.OneByteReader(bytes.NewReader(data)), 16, "0123456789", io.EOF},
		{"the end with the last bytes", iotest.DataErrReader(bytes.NewReader(data)), 16, "0123456789", io.EOF},
		{"a failure after some bytes", io.MultiReader(bytes.NewReader(data[:3]), iotest.ErrReader(boom)), 8, "012", boom},
		{"an empty buffer reads nothing", iotest.ErrReader(boom), 0, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := make([]byte, tc.buf)
			n, err := Fill(tc.r, buf)
			if string(buf[:n]) != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("Fill: %q, %v; want %q, %v", buf[:n], err, tc.want, tc.wantErr)
			}
		})
	}
}

// countWriter counts its writes.
type countWriter struct {
	bytes.Buffer
	writes int
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestCopyThroughBuffer: io.CopyBuffer over Filled and WriterOnly writes
// a buffer at a time whatever the reader returns per call, and loses
// nothing at the end.
func TestCopyThroughBuffer(t *testing.T) {
	data := bytes.Repeat([]byte("x"), 10_000)
	var w countWriter
	n, err := io.CopyBuffer(WriterOnly{&w}, Filled{iotest.HalfReader(ReaderOnly{bytes.NewReader(data)})}, make([]byte, 4096))
	if err != nil || n != int64(len(data)) || !bytes.Equal(w.Bytes(), data) {
		t.Fatalf("copied %d bytes (%v), equal %v", n, err, bytes.Equal(w.Bytes(), data))
	}
	if w.writes != 3 { // 4096, 4096, 1808
		t.Errorf("%d writes, want 3", w.writes)
	}
}
