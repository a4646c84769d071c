package ftpd

import (
	"bytes"
	"io"
)

// crlfWriter writes what it is given with every LF turned into CRLF, for
// ASCII transfers from the server.
type crlfWriter struct {
	w io.Writer
}

func (c crlfWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			m, err := c.w.Write(p)
			return n + m, err
		}
		if _, err := c.w.Write(p[:i]); err != nil {
			return n, err
		}
		if _, err := c.w.Write([]byte("\r\n")); err != nil {
			return n, err
		}
		n += i + 1
		p = p[i+1:]
	}
	return n, nil
}

// lfWriter writes what it is given with every CRLF turned into LF, for
// ASCII transfers to the server. A CR at the end of one Write is held
// back until the next shows whether LF follows; Flush writes it.
type lfWriter struct {
	w       io.Writer
	pending bool // a CR is held back
	buf     []byte
}

func (l *lfWriter) Write(p []byte) (int, error) {
	l.buf = l.buf[:0]
	if l.pending && len(p) > 0 && p[0] != '\n' {
		l.buf = append(l.buf, '\r')
	}
	l.pending = false
	for i, b := range p {
		switch {
		case b != '\r':
			l.buf = append(l.buf, b)
		case i == len(p)-1:
			l.pending = true
		case p[i+1] != '\n':
			l.buf = append(l.buf, b)
		}
	}
	if _, err := l.w.Write(l.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a CR still held back.
func (l *lfWriter) Flush() error {
	if !l.pending {
		return nil
	}
	l.pending = false
	_, err := l.w.Write([]byte{'\r'})
	return err
}
