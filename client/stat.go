package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Stat returns what the server says of one remote name: the MLST entry
// where FEAT lists MLST (RFC 3659 §7), otherwise SIZE and MDTM (RFC 3659
// §4, §3), which know files only: the entry then has Kind KindFile, its
// Size, and its Modify time when MDTM answers. A name the server does not
// know is a *ReplyError (550).
func (s *Session) Stat(ctx context.Context, name string) (Entry, error) {
	defer s.begin(ctx)()
	feats, err := s.Features(ctx)
	if err != nil {
		return Entry{}, err
	}
	if feats.Has("MLST") {
		return s.mlst(name)
	}
	n, _, err := s.size(name)
	if err != nil {
		return Entry{}, err
	}
	e := Entry{Name: name, Kind: KindFile, Size: n}
	if feats.Has("MDTM") {
		if t, err := s.modTime(name); err == nil {
			e.Modify = t
		} else if s.usable() != nil {
			return Entry{}, err
		}
	}
	return e, nil
}

// mlst runs MLST name: the entry is the reply's one line that starts with
// a blank.
func (s *Session) mlst(name string) (Entry, error) {
	r, err := s.expect("MLST", name, 250)
	if err != nil {
		return Entry{}, err
	}
	for _, l := range r.Lines[1:] {
		if strings.HasPrefix(l, " ") {
			return ParseMLSxEntry(l[1:])
		}
	}
	return Entry{}, fmt.Errorf("MLST %s: %w: no entry line", name, ErrMalformedReply)
}

// ModTime returns the modification time of a remote file from MDTM (RFC
// 3659 §3: "213 YYYYMMDDHHMMSS[.sss]", UTC).
func (s *Session) ModTime(ctx context.Context, name string) (time.Time, error) {
	defer s.begin(ctx)()
	return s.modTime(name)
}

func (s *Session) modTime(name string) (time.Time, error) {
	r, err := s.expect("MDTM", name, 213)
	if err != nil {
		return time.Time{}, err
	}
	t := parseModify(strings.TrimSpace(r.Text()))
	if t.IsZero() {
		return t, fmt.Errorf("MDTM: %w: %q", ErrMalformedReply, clip(r.Text()))
	}
	return t, nil
}

// SetModTime sets the modification time of a remote file with MFMT
// (draft-somers-ftp-mfxx: "MFMT YYYYMMDDHHMMSS path", UTC, answered 213).
func (s *Session) SetModTime(ctx context.Context, name string, t time.Time) error {
	defer s.begin(ctx)()
	if t.IsZero() {
		return errors.New("MFMT: zero time")
	}
	_, err := s.expect("MFMT", t.UTC().Format("20060102150405")+" "+name, 213)
	return err
}
