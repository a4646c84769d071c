package client

import (
	"bufio"
	"bytes"
	"io"
)

// crlfWriter turns CRLF into LF on the way to w (ASCII downloads and
// listings). A CR at the end of one Write is held until the next byte is
// known. Write reports the bytes taken from the wire. It counts what text
// does not hold, NUL bytes and CRs not followed by LF: the signs of a
// binary file that the conversion changes (Transfer.NUL, Transfer.LoneCR).
type crlfWriter struct {
	w      *bufio.Writer
	heldCR bool
	nul    int64 // NUL bytes seen
	loneCR int64 // CRs not followed by LF
}

func newCRLFWriter(w io.Writer) *crlfWriter {
	return &crlfWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (c *crlfWriter) Write(p []byte) (int, error) {
	n := len(p)
	if n == 0 {
		return 0, nil // a held CR waits for a byte that decides it
	}
	c.nul += int64(bytes.Count(p, nul))
	if c.heldCR {
		c.heldCR = false
		if p[0] != '\n' {
			c.loneCR++
			if err := c.w.WriteByte('\r'); err != nil {
				return 0, err
			}
		}
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\r')
		if i < 0 {
			if _, err := c.w.Write(p); err != nil {
				return 0, err
			}
			break
		}
		if _, err := c.w.Write(p[:i]); err != nil {
			return 0, err
		}
		if i == len(p)-1 {
			c.heldCR = true
			break
		}
		if p[i+1] != '\n' {
			c.loneCR++
			if err := c.w.WriteByte('\r'); err != nil {
				return 0, err
			}
		}
		p = p[i+1:]
	}
	return n, nil
}

// nul is what crlfWriter counts as NUL.
var nul = []byte{0}

// Flush writes a held CR and everything buffered.
func (c *crlfWriter) Flush() error {
	if c.heldCR {
		c.heldCR = false
		c.loneCR++
		if err := c.w.WriteByte('\r'); err != nil {
			return err
		}
	}
	return c.w.Flush()
}

// lfReader turns LF into CRLF on the way from r (ASCII uploads).
type lfReader struct {
	r       *bufio.Reader
	pending bool // an LF whose CR was already produced
}

func newLFReader(r io.Reader) *lfReader { return &lfReader{r: bufio.NewReaderSize(r, 64<<10)} }

func (l *lfReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if l.pending {
			p[n] = '\n'
			n++
			l.pending = false
			continue
		}
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b == '\n' {
			p[n] = '\r'
			n++
			l.pending = true
			continue
		}
		p[n] = b
		n++
	}
	return n, nil
}
