// Package iobuf copies through the caller's buffers: it fills a buffer
// from a reader that returns little per call (a TLS connection returns a
// record, 16 KiB at most), and hides the fast paths (ReadFrom, WriteTo)
// that would make io.CopyBuffer ignore the buffer it is given.
package iobuf

import "io"

// Fill reads r into buf until buf is full or r fails (io.EOF at the end
// of the data). It returns the bytes read.
func Fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Filled is a reader each of whose reads fills p (Fill): copied into a
// file, a TLS stream is then written a buffer at a time, not a record.
type Filled struct{ R io.Reader }

// Read fills p from f.R.
func (f Filled) Read(p []byte) (int, error) { return Fill(f.R, p) }

// WriterOnly hides a writer's ReadFrom (a file's, a TCP connection's),
// so that io.CopyBuffer copies through the buffer it is given.
type WriterOnly struct{ io.Writer }

// ReaderOnly hides a reader's WriteTo (an *os.File's), so that
// io.CopyBuffer copies through the buffer it is given.
type ReaderOnly struct{ io.Reader }
