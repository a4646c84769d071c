package client

import "fmt"

// TransferOptions are the choices of one Retr or Stor. A nil
// *TransferOptions is the zero value: from the start, STOR, and the size
// check where the server can tell the size.
type TransferOptions struct {
	// Offset restarts the transfer there (REST Offset first): the writer
	// or reader must already be positioned at it.
	Offset int64
	// Append sends APPE instead of STOR (Stor only).
	Append bool
	// SizeCheck says what a binary (TYPE I) download's byte count is
	// checked against; text transfers are not checked, since the server's
	// size is not the local one. The zero value, SizeAsk, asks SIZE when
	// the server's FEAT lists it.
	SizeCheck SizeCheck
	// ExpectSize is the remote file's size as the caller knows it (from a
	// listing), used with SizeGiven.
	ExpectSize int64
}

// SizeCheck chooses the size a download is checked against.
type SizeCheck int

// The size checks.
const (
	SizeAsk   SizeCheck = iota // ask SIZE where FEAT lists it, else MLST; no check where neither is listed
	SizeGiven                  // TransferOptions.ExpectSize, without asking
	SizeOff                    // no check
)

// Where the size a download is checked against came from.
const (
	SizeFromReply   = "reply"   // the 1xx reply announced "(N bytes)"
	SizeFromCommand = "SIZE"    // the reply to SIZE
	SizeFromMLST    = "MLST"    // the size fact of the reply to MLST
	SizeFromCaller  = "listing" // TransferOptions.ExpectSize
)

// SizeError reports a download whose byte count differs from the file's
// size although the server said it completed: a server that cut the file
// short and then claimed success. errors.Is(err, ErrShortTransfer) holds.
type SizeError struct {
	Command, Name string
	Want, Got     int64  // the size, and offset + the bytes that arrived
	Source        string // SizeFromReply, SizeFromCommand or SizeFromCaller
}

// Error says what arrived against what the server stated.
func (e *SizeError) Error() string {
	if e.Source == SizeFromReply {
		return fmt.Sprintf("%s %s: %v: the server announced %d bytes and sent %d", e.Command, e.Name, ErrShortTransfer, e.Want, e.Got)
	}
	return fmt.Sprintf("%s %s: %v: the size is %d bytes (%s) and %d arrived", e.Command, e.Name, ErrShortTransfer, e.Want, e.Source, e.Got)
}

// Unwrap returns ErrShortTransfer.
func (e *SizeError) Unwrap() error { return ErrShortTransfer }

func (o *TransferOptions) orZero() TransferOptions {
	if o == nil {
		return TransferOptions{}
	}
	return *o
}

// sizeToCheck returns the size a download of name is checked against and
// where it came from, or -1: a text transfer, the check off, or a server
// that cannot tell (FEAT lists no SIZE, SIZE refused). Only a failure that
// leaves the session unusable is an error.
func (s *Session) sizeToCheck(name string, o TransferOptions) (int64, string, error) {
	switch {
	case o.SizeCheck == SizeOff || s.typ != TypeImage:
		return -1, "", nil
	case o.SizeCheck == SizeGiven:
		return o.ExpectSize, SizeFromCaller, nil
	}
	feats, err := s.Features(s.callCtx())
	if err != nil {
		return -1, "", err
	}
	var n int64
	var source string
	switch {
	case feats.Has("SIZE"):
		n, _, err = s.size(name)
		source = SizeFromCommand
	case feats.Has("MLST"):
		var e Entry
		e, err = s.mlst(name)
		n, source = e.Size, SizeFromMLST
	default:
		return -1, "", nil
	}
	if err != nil {
		if uerr := s.usable(); uerr != nil {
			return -1, "", err
		}
		return -1, "", nil // refused (a z/OS data set has no size): no check
	}
	if n < 0 {
		return -1, "", nil // an MLST entry without a size fact
	}
	return n, source, nil
}
