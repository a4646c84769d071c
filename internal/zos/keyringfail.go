package zos

import (
	"errors"
	"fmt"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// keyringFailed handles a KEYRING that cannot be opened (a PKCS#12 file
// without its password, a missing file) when TLS is to be used. On z/OS
// the client connects, and its authentication step (ftpAuth) finds the
// key ring unusable before AUTH is sent: "ftpAuth: no keyring" or
// "ftpAuth: TLS init failed with rc = 201 (No key database password
// supplied)" in the SEC trace, then EZA2897I (IBM tech note "FTP Client
// fails with EZA2897I Authentication negotiation failed", swg21055396:
// "The connection ends with message EZA2897I"; APAR PM01158 for rc 201).
// zftp does the same: it connects in clear and reads the greeting (an
// explicit session; an implicit one is not contacted, its handshake
// cannot start), sends nothing, prints EZA2897I, EZA2898I when TLS is
// required, and the cause (ZFT0170E), and ends the connection.
//
// Under SECURE_FTP ALLOWED the session ends too: IBM's clear fallback
// ("the client then completes the log in, but without using TLS",
// "SECURE_FTP statement") is documented for a server that does not
// support TLS, not for the client's own key ring, and the tech note says
// the connection ends. A keyring the user coded and cannot be opened is
// never a reason to send the password in clear.
func (a *Interpreter) keyringFailed(host string, port int, cfg client.Config, err error) error {
	required := a.set.cfg.SecureFTP == config.SecureFTPRequired || a.set.cfg.Implicit(port)
	if !a.set.cfg.Implicit(port) {
		cfg.Security = client.Security{} // the greeting only: nothing is sent
		s, derr := client.Dial(a.ctx, host, port, cfg)
		if derr != nil {
			var re *client.ReplyError
			if !errors.As(derr, &re) {
				a.out.Printf(transcript.MsgConnectFailed, host, port, rootCause(derr))
			}
			a.skipLoginLines(host)
			return shown(errorCodeOr(derr, ecConnectFailed), fmt.Errorf("open %s: %w", host, derr))
		}
		defer s.Close()
	}
	a.authFailed(required, transcript.Escape(err.Error()))
	a.skipLoginLines(host)
	return shown(ecAuthentication, fmt.Errorf("open %s: %w", host, err))
}

// isKeyringError reports whether an error from config's Security is the
// keyring's (it could not be opened), not a statement's.
func isKeyringError(err error) bool {
	return err != nil && !errors.Is(err, config.ErrSecurityConfig)
}
