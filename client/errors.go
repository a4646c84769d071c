package client

import (
	"errors"
	"fmt"
)

// Errors the engine returns, matched with errors.Is.
var (
	// ErrBadArgument reports an argument that cannot be sent on the control
	// connection (it holds CR, LF or NUL, which would inject a command).
	ErrBadArgument = errors.New("argument contains CR, LF or NUL")
	// ErrLineTooLong reports a reply line longer than Config.MaxLineLength.
	ErrLineTooLong = errors.New("reply line too long")
	// ErrTooManyLines reports a multi-line reply longer than Config.MaxReplyLines.
	ErrTooManyLines = errors.New("too many lines in reply")
	// ErrTooManyPreliminary reports a command answered with more preliminary
	// (1xx) replies than Config.MaxPreliminary.
	ErrTooManyPreliminary = errors.New("too many preliminary replies")
	// ErrMalformedReply reports a reply line that does not start with a
	// three-digit code as RFC 959 requires.
	ErrMalformedReply = errors.New("malformed reply")
	// ErrTLSReply reports a TLS record (a handshake or an alert) where a
	// clear reply was expected: the server still speaks TLS on the control
	// connection (after a CCC whose close_notify exchange it does not
	// share, or on a port that expects implicit TLS). It comes wrapped with
	// ErrMalformedReply.
	ErrTLSReply = errors.New("TLS data where a clear reply was expected")
	// ErrClosed reports use of a session after Quit, Close or a fatal error.
	ErrClosed = errors.New("session is closed")
	// ErrUnexpectedReply reports a reply whose code the command does not allow
	// (for example a 2xx reply to RETR before any data connection).
	ErrUnexpectedReply = errors.New("unexpected reply")
	// ErrForeignDataConn reports an active-mode data connection from an
	// address other than the server's.
	ErrForeignDataConn = errors.New("data connection from a foreign address")
	// ErrPipelinedNoReply marks a wait for a reply that timed out when the
	// command went out together with others (pipelined), after the first
	// of them: a server that loses such commands never answers them. Config.NoPipelining sends
	// every command on its own.
	ErrPipelinedNoReply = errors.New("no reply to a command sent together with others")
)

// ReplyError is the error for a final reply of class 4 (transient) or 5
// (permanent), or any reply a command does not allow.
type ReplyError struct {
	Command string // the verb sent, e.g. "RETR"
	Reply   *Reply // the reply received
}

// Error returns "RETR: 550 No such file".
func (e *ReplyError) Error() string {
	if e.Reply == nil {
		return e.Command + ": no reply"
	}
	return fmt.Sprintf("%s: %s", e.Command, e.Reply.Last())
}

// Temporary reports whether the reply is of class 4 (transient failure).
func (e *ReplyError) Temporary() bool { return e.Reply != nil && e.Reply.Code/100 == 4 }

// ReplyCode returns the code of the reply in err, or 0 when err carries no
// reply.
func ReplyCode(err error) int {
	var re *ReplyError
	if errors.As(err, &re) && re.Reply != nil {
		return re.Reply.Code
	}
	return 0
}
