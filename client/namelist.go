package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
)

// MaxNameLength bounds one name in a NameList listing, in bytes. It is far
// above any path a file system or z/OS allows (PATH_MAX is 4096), so only
// a hostile or broken server reaches it.
const MaxNameLength = 64 << 10

// ErrNameTooLong reports a NameList line longer than MaxNameLength.
var ErrNameTooLong = errors.New("name in listing too long")

// NameList runs NLST args and calls fn with each name as its line arrives
// (line end removed, empty lines skipped), so that memory does not depend
// on the size of the listing: MGET and MDELETE can act on a listing of
// any length. fn runs on the caller's goroutine while the transfer is in
// progress: it must not call back into the Session (collect the names, or
// spool them, and act once NameList has returned).
//
// An error from fn, or a name longer than MaxNameLength, ends the transfer
// at once (the data connection is closed) and is returned wrapped; the
// session stays usable. The *Transfer is as for Nlst.
func (s *Session) NameList(ctx context.Context, args string, fn func(name string) error) (*Transfer, error) {
	defer s.begin(ctx)()
	return s.lines("NLST", args, fn)
}

// ListLines runs LIST args and calls fn with each line of the reply as it
// arrives, as NameList does for NLST (line end removed, empty lines
// skipped, a line longer than MaxNameLength or an error from fn ends the
// transfer and is returned wrapped, the session staying usable): a
// listing of any length in bounded memory. The lines are the server's
// own format (Unix "ls -l", z/OS data sets, ...).
func (s *Session) ListLines(ctx context.Context, args string, fn func(line string) error) (*Transfer, error) {
	defer s.begin(ctx)()
	return s.lines("LIST", args, fn)
}

func (s *Session) lines(verb, args string, fn func(string) error) (*Transfer, error) {
	split := &nameSplitter{fn: fn, max: MaxNameLength}
	w := newCRLFWriter(split)
	return s.transfer(verb, args, 0, -1, func(conn net.Conn, total *int64) error {
		if err := endOfData(conn, s.pumpDownload(w, conn, total)); err != nil {
			return split.cause(err)
		}
		if err := w.Flush(); err != nil {
			return split.cause(err)
		}
		return split.cause(split.end())
	})
}

// nameSplitter is the writer behind NameList: it cuts the listing into
// lines and hands each to fn, holding at most one partial line.
type nameSplitter struct {
	fn  func(string) error
	max int
	buf []byte
	err error // the first error from fn or the length check
}

// errNameConsumer marks an error that the name consumer (or the length
// check) caused: it ends the transfer ahead of the server's reply to it.
type errNameConsumer struct{ err error }

func (e *errNameConsumer) Error() string { return e.err.Error() }
func (e *errNameConsumer) Unwrap() error { return e.err }

// cause returns the splitter's own error in place of the error the writer
// chain made of it.
func (n *nameSplitter) cause(err error) error {
	if err != nil && n.err != nil {
		return &errNameConsumer{err: n.err}
	}
	return err
}

func (n *nameSplitter) Write(p []byte) (int, error) {
	if n.err != nil {
		return 0, n.err
	}
	size := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if err := n.add(p); err != nil {
				return 0, err
			}
			break
		}
		if err := n.add(p[:i]); err != nil {
			return 0, err
		}
		if err := n.emit(); err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	return size, nil
}

func (n *nameSplitter) add(p []byte) error {
	if len(n.buf)+len(p) > n.max {
		n.err = fmt.Errorf("%w (more than %d bytes)", ErrNameTooLong, n.max)
		return n.err
	}
	n.buf = append(n.buf, p...)
	return nil
}

func (n *nameSplitter) emit() error {
	name := string(bytes.TrimSuffix(n.buf, []byte("\r")))
	n.buf = n.buf[:0]
	if name == "" {
		return nil
	}
	if err := n.fn(name); err != nil {
		n.err = err
		return err
	}
	return nil
}

// end hands over a last line that had no line end.
func (n *nameSplitter) end() error {
	if n.err != nil {
		return n.err
	}
	return n.emit()
}

func isNameConsumer(err error) bool {
	if err == nil {
		return false
	}
	var nc *errNameConsumer
	return errors.As(err, &nc)
}
