package zos

import (
	"context"
	"errors"
	"net"
	"os"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
)

// Client error codes (IP User's Guide, "FTP client error codes"): the
// "Error Code" of EZA1735I.
const (
	ecInternal       = 1  // FTP_INTERNAL_ERROR
	ecServer         = 2  // FTP_SERVER_ERROR: the server sent an error reply
	ecInvalidParam   = 4  // FTP_INVALID_PARAM: bad parameter on the command line
	ecAlreadyOpen    = 6  // FTP_ALREADY_CONNECTED
	ecUsage          = 7  // FTP_USAGE: subcommand syntax error
	ecConnectFailed  = 8  // FTP_CONNECT_FAILED: unknown host, lost connection, data connection failed
	ecTimeout        = 9  // FTP_TIMEOUT
	ecSession        = 10 // FTP_SESSION_ERROR: send/receive errors
	ecLoginFailed    = 11 // FTP_LOGIN_FAILED
	ecInput          = 12 // FTP_INPUT_ERR: error reading stdin
	ecNotFound       = 14 // FTP_NOTFOUND: a file the client needs (FTP.DATA named by -f) was not found
	ecFileAccess     = 18 // FTP_FILE_ACCESS: local open failure
	ecFileRead       = 19 // FTP_FILE_READ
	ecFileWrite      = 20 // FTP_FILE_WRITE: out of space, close failure
	ecAuthentication = 17 // FTP_AUTHENTICATION
)

// ExitUsage is the process status for an unusable command line: the
// client error code FTP_INVALID_PARAM.
const ExitUsage = ecInvalidParam

// Error is a failure with its client error code (the "Error Code" of
// EZA1735I, or the exit status of a start-up failure): the one error type
// of the front end that carries a code.
type Error struct {
	Code  int   // client error code
	Shown bool  // the transcript already says what went wrong
	Err   error // what went wrong
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// withCode gives err the client error code ec; the command loop prints it.
func withCode(ec int, err error) error { return &Error{Code: ec, Err: err} }

// shown gives err the client error code ec; its message has been printed.
func shown(ec int, err error) error { return &Error{Code: ec, Err: err, Shown: true} }

// errorCode returns the client error code for err.
func errorCode(err error) int {
	var ce *Error
	if errors.As(err, &ce) {
		return ce.Code
	}
	if isSecurityFailure(err) {
		return ecAuthentication // a refused PROT wraps the server's reply: still a security failure
	}
	var re *client.ReplyError
	if errors.As(err, &re) {
		return ecServer
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || osTimeout(err) || errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return ecTimeout
	}
	if errors.Is(err, client.ErrSecurityRequired) || errors.Is(err, client.ErrNotProtected) ||
		errors.Is(err, client.ErrCCCImplicit) || errors.Is(err, config.ErrSecurityConfig) {
		return ecAuthentication
	}
	if errors.Is(err, client.ErrBadArgument) {
		return ecUsage
	}
	if errors.Is(err, client.ErrClosed) {
		return ecConnectFailed
	}
	return ecSession
}

// stdReturnCode is the z/OS standard return code yyxxx: subcommand code
// times 1000 plus the last reply code (0 when no reply arrived).
func stdReturnCode(subcommand, reply int) int { return subcommand*1000 + reply }

// returnedCode is the value the client returns for a failure, as
// CLIENTERRCODES chooses it: FALSE the standard return code, TRUE the
// client error code, EXTENDED the client error code times 100 plus the
// subcommand code.
func returnedCode(form config.ErrCodes, subcommand, std, ec int) int {
	switch form {
	case config.ErrCodesTrue:
		return ec
	case config.ErrCodesExtended:
		return ec*100 + subcommand
	}
	return std
}

// exitStatus maps a standard return code to a process exit status. A POSIX
// status has 8 bits, so it is the code modulo 256, as a z/OS UNIX shell
// would see it; a failure never maps to 0.
func exitStatus(rc int) int {
	if rc == 0 {
		return 0
	}
	if s := rc % 256; s != 0 {
		return s
	}
	return 255
}
