package zos

import (
	"errors"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Data protection that cannot be downgraded: when PROT P (or its PBSZ) was
// refused, the engine fails every transfer with ErrProtectionRefused before
// any data command; when a protected data connection's handshake fails, it
// fails the transfer with ErrDataHandshake. Both are security failures
// here, with or without -e: one message, the FTP_AUTHENTICATION client
// error code, and the subcommand's return code.

// securityFailure prints the message of a refused data protection or a
// failed data handshake and returns err as a shown FTP_AUTHENTICATION
// error; any other error is returned as it is. A failure it already
// reported is not reported again.
func (a *Interpreter) securityFailure(err error) error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) && ce.Shown && ce.Code == ecAuthentication {
		return err
	}
	switch {
	case errors.Is(err, client.ErrProtectionRefused):
		a.out.Printf(transcript.MsgProtRefused, protRefusal(err))
	case errors.Is(err, client.ErrDataHandshake):
		a.out.Printf(transcript.MsgDataHandshake, transcript.Escape(describe(rootErr(err))))
	default:
		return err
	}
	return shown(ecAuthentication, err)
}

// protRefusal names the refused command and the server's reply, escaped
// ("PROT: 534 PROT P refused"), or the engine's words when no reply is
// wrapped.
func protRefusal(err error) string {
	var re *client.ReplyError
	if errors.As(err, &re) {
		return transcript.Escape(re.Error())
	}
	return transcript.Escape(rootCause(err))
}

// isSecurityFailure reports whether err is a refused data protection or
// a failed data handshake.
func isSecurityFailure(err error) bool {
	return errors.Is(err, client.ErrProtectionRefused) || errors.Is(err, client.ErrDataHandshake)
}
