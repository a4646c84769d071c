package zos

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// Security subcommands: CCC and CPROTECT (control connection), CLEAR,
// PRIVATE, SAFE and PROTECT (data connections). Refusals the client makes
// itself say why and what to change; the session is left as it was.

// securityRefused prints text and returns the FTP_USAGE error (a
// subcommand the settings do not allow).
func (a *Interpreter) securityRefused(text string) error {
	a.out.Printf(transcript.MsgSecurityRefused, text)
	return shown(ecUsage, errors.New(text))
}

// ccc clears the control connection: CCC.
func (a *Interpreter) ccc(c *call) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	return a.clearControl("CCC")
}

// clearControl runs CCC with the close_notify behaviour of TLSRFCLEVEL.
// As on z/OS the client refuses it under TLSRFCLEVEL DRAFT (config's
// ErrCCCDraft, the one text for it) and on an implicit (TLSPORT) session;
// a server refusal keeps the control connection protected. After a CCC
// that succeeded, ZFT0115I names the TLSRFCLEVEL used.
func (a *Interpreter) clearControl(what string) error {
	mode, err := a.set.cfg.CCCMode()
	if err != nil {
		text := err.Error()
		if !strings.HasPrefix(text, what+" ") {
			text = what + ": " + text // CPROTECT CLEAR: CCC is not supported ...
		}
		return a.securityRefused(text + ".")
	}
	switch {
	case a.sess.ControlCleared():
		return a.securityRefused(what + ": the control connection is already clear.")
	case !a.sess.Protected():
		return a.securityRefused(what + ": the control connection is not protected by TLS, so there is nothing to clear.")
	}
	_, err = a.sess.CCC(a.ctx, mode)
	var re *client.ReplyError
	switch {
	case err == nil:
		a.out.Printf(transcript.MsgControlCleared, config.RFCLevelOf(mode))
	case errors.Is(err, client.ErrCCCImplicit):
		return a.securityRefused(fmt.Sprintf("%s is not supported on a connection implicitly secured through TLSPORT %d.", what, a.port))
	case errors.As(err, &re):
		a.out.Printf(transcript.MsgServerKeptTLS, what)
	}
	return err
}

// cprotect sets the control connection's protection:
// CPROTECT CLEAR|PRIVATE|SAFE. CLEAR is CCC; PRIVATE is what a TLS
// control connection already is; SAFE is a Kerberos level.
func (a *Interpreter) cprotect(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	switch level(c.args[0]) {
	case "CLEAR":
		return a.clearControl("CPROTECT CLEAR")
	case "PRIVATE":
		if a.sess.Protected() {
			a.out.Printf(transcript.MsgDataProtection, "The control connection is protected by TLS (PRIVATE).")
			return nil
		}
		return a.securityRefused("CPROTECT PRIVATE: the control connection is not protected by TLS, and TLS cannot be started again on it; CLOSE and OPEN with -a TLS or -r TLS.")
	case "SAFE":
		return a.securityRefused("CPROTECT SAFE is a Kerberos (GSSAPI) level; with TLS the control connection is PRIVATE or, after CCC, CLEAR.")
	}
	return a.usage(c)
}

// level returns the protection level named by s: CLEAR, PRIVATE, SAFE or
// CONFIDENTIAL, from a prefix of at least two letters; "" otherwise.
func level(s string) string {
	u := strings.ToUpper(s)
	for _, l := range []string{"CLEAR", "PRIVATE", "SAFE", "CONFIDENTIAL"} {
		if len(u) >= 2 && strings.HasPrefix(l, u) {
			return l
		}
	}
	return ""
}

func (a *Interpreter) clear(c *call) error {
	return a.noArgsThen(c, func() error { return a.setProt('C') })
}
func (a *Interpreter) private(c *call) error {
	return a.noArgsThen(c, func() error { return a.setProt('P') })
}
func (a *Interpreter) safe(c *call) error {
	return a.noArgsThen(c, func() error { return a.setProt('S') })
}

// protect sets the data protection level: PROTECT CLEAR|PRIVATE|SAFE.
func (a *Interpreter) protect(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	switch level(c.args[0]) {
	case "CLEAR":
		return a.setProt('C')
	case "PRIVATE":
		return a.setProt('P')
	case "SAFE":
		return a.setProt('S')
	case "CONFIDENTIAL":
		return a.securityRefused("PROTECT CONFIDENTIAL (PROT E) is not supported; use PROTECT PRIVATE.")
	}
	return a.usage(c)
}

// setProt sends PBSZ 0 (once) and PROT level. SAFE (PROT S) has no TLS
// meaning and is refused locally, as is PRIVATE under SECURE_DATACONN
// NEVER and either level on a session without TLS.
func (a *Interpreter) setProt(lvl byte) error {
	switch {
	case lvl == 'S':
		return a.securityRefused("SAFE (PROT S, integrity only) is a Kerberos level and is not available with TLS; use PRIVATE.")
	case !a.sess.Protected() && !a.sess.ControlCleared():
		return a.securityRefused("Data protection needs a TLS session: OPEN with -a TLS or -r TLS, or code SECURE_MECHANISM TLS.")
	case lvl == 'P' && a.set.cfg.SecureDataConn == config.ProtectionNever:
		return a.securityRefused("SECURE_DATACONN NEVER: data connections are never protected (LOCSTAT shows the setting).")
	}
	if _, err := a.sess.Prot(a.ctx, lvl); err != nil {
		return err
	}
	if lvl == 'P' {
		a.out.Printf(transcript.MsgDataProtection, "Data connections are protected with TLS (PROT P).")
	} else {
		a.out.Printf(transcript.MsgDataProtection, "Data connections are clear (PROT C).")
	}
	return nil
}
