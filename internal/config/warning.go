package config

import (
	"errors"
	"fmt"
)

// Message IDs of warnings. EZYFT47I is the z/OS client's; the others are
// zftp's own.
const (
	IDIgnoredServerStatement = "EZYFT47I" // server-only statement ignored by the client (z/OS)
	IDUnknownStatement       = "ZFT0001W" // statement zftp does not know
	IDNoEffect               = "ZFT0002W" // z/OS-only statement or option: accepted, no effect
	IDValueNote              = "ZFT0003W" // value accepted with a caveat (e.g. TLSMECHANISM ATTLS)
)

// Warning is a problem that does not stop configuration: an unknown or
// unsupported statement or LOCSITE option, or a value with a caveat.
type Warning struct {
	File      string // FTP.DATA file; "" for flags and LOCSITE
	Line      int    // 1-based line in File; 0 when File is ""
	ID        string // message ID, one of the ID constants
	Statement string // statement or option concerned, upper case
	Text      string // the message text, without ID or position
}

// String formats the warning as "ID file:line: text" (or "ID text" when
// there is no file).
func (w Warning) String() string {
	if w.File == "" {
		return w.ID + " " + w.Text
	}
	return fmt.Sprintf("%s %s:%d: %s", w.ID, w.File, w.Line, w.Text)
}

// Errors wrapped by the errors this package returns.
var (
	ErrBadValue         = errors.New("invalid value")
	ErrUnknownStatement = errors.New("unknown statement")
	ErrUnknownOption    = errors.New("unknown LOCSITE option")
	ErrAmbiguousOption  = errors.New("ambiguous LOCSITE option")
	ErrNoOptions        = errors.New("LOCSITE needs at least one option")
	ErrNotFound         = errors.New("FTP.DATA file not found")
)

// ParseError is a bad statement value in an FTP.DATA file.
type ParseError struct {
	File      string // file name
	Line      int    // 1-based line
	Column    int    // 1-based column of the value (of the statement when the value is missing)
	Statement string // statement name, upper case
	Err       error  // wraps ErrBadValue
}

// Error formats the error as "file:line:column: message".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
