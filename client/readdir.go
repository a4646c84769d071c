package client

import (
	"context"
	"errors"
	"fmt"
)

// ErrUnparsedLine reports a LIST line that no listing parser understands
// (ParseListLine) and that is not a header or a "total" line: ReadDir
// stops there rather than leave an entry out without a word.
var ErrUnparsedLine = errors.New("listing line not understood")

// UnparsedLineError is the error of ReadDir for such a line; it wraps
// ErrUnparsedLine.
type UnparsedLineError struct {
	Line string // the line as received (at most MaxNameLength bytes)
}

// Error names the line, clipped and quoted.
func (e *UnparsedLineError) Error() string {
	return fmt.Sprintf("%v: %q", ErrUnparsedLine, clip(e.Line))
}

// Unwrap returns ErrUnparsedLine.
func (e *UnparsedLineError) Unwrap() error { return ErrUnparsedLine }

// ReadDir calls fn with each entry of the remote directory dir ("" for
// the working directory) as its line arrives: from MLSD where the
// server's FEAT lists MLST (RFC 3659), otherwise from LIST, each line
// parsed by ParseListLine (Unix "ls -l", DOS/IIS "dir", z/OS data sets
// and PDS members). The entries "." and ".." (and MLSD's cdir and pdir)
// are left out; header and "total" lines are skipped; any other line that
// does not parse ends the listing with an *UnparsedLineError. fn must not
// call back into the Session; an error from fn ends the listing and is
// returned wrapped, the session staying usable. Memory does not depend on
// the size of the listing.
func (s *Session) ReadDir(ctx context.Context, dir string, fn func(Entry) error) error {
	defer s.begin(ctx)()
	feats, err := s.Features(ctx)
	if err != nil {
		return err
	}
	if feats.Has("MLST") {
		_, err := s.Mlsd(ctx, dir, func(e Entry) error {
			if selfOrParent(e) {
				return nil
			}
			return fn(e)
		})
		return err
	}
	_, err = s.ListLines(ctx, dir, func(line string) error {
		e, ok := ParseListLine(line)
		switch {
		case !ok && IsListNoise(line):
			return nil
		case !ok:
			return &UnparsedLineError{Line: line}
		case selfOrParent(e):
			return nil
		}
		return fn(e)
	})
	return err
}

// selfOrParent reports the entries that name the listed directory itself
// or its parent.
func selfOrParent(e Entry) bool {
	return e.Name == "." || e.Name == ".." || e.Type == "cdir" || e.Type == "pdir"
}

// ReadDirAll returns the entries of dir as ReadDir gives them, held in
// memory within limit (see ListLimit): a longer listing is an error
// wrapping ErrListTooLong.
func (s *Session) ReadDirAll(ctx context.Context, dir string, limit ListLimit) ([]Entry, error) {
	var out []Entry
	c := limit.Counter()
	err := s.ReadDir(ctx, dir, func(e Entry) error {
		if err := c.Add(e.Name); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
