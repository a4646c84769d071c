package zos

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/netrc"
	"github.com/zftp/zftp/transcript"
)

// open connects to a host: OPEN host [port].
func (a *Interpreter) open(c *call) error {
	if a.sess != nil {
		a.out.Printf(transcript.MsgAlreadyOpen, a.host)
		return shown(ecAlreadyOpen, errors.New("already connected"))
	}
	if len(c.args) < 1 || len(c.args) > 2 {
		return a.usage(c)
	}
	if err := hostPortArg(c.args[0]); err != nil && len(c.args) == 1 {
		a.out.Printf(transcript.MsgUsage, usageLine(c.sub)+": "+err.Error())
		return shown(ecUsage, err)
	}
	port := 21
	if len(c.args) == 2 {
		p, err := ParsePort(c.args[1])
		if err != nil {
			a.out.Printf(transcript.MsgUsage, usageLine(c.sub)+": "+err.Error())
			return shown(ecUsage, err)
		}
		port = p
	}
	return a.connect(c.args[0], port)
}

// hostPortArg returns the error for a host written as host:port (the
// form lftp and URLs use), which OPEN, as the command line, refuses with
// the exact fix rather than looking the whole word up as a host name;
// nil when arg is not one (an IPv6 address has more colons).
func hostPortArg(arg string) error {
	host, port, ok := strings.Cut(arg, ":")
	if !ok || host == "" || strings.Contains(port, ":") {
		return nil
	}
	if _, err := ParsePort(port); err != nil {
		return nil
	}
	return fmt.Errorf("%q is not a host name: give the port as a second argument (open %s %s)", arg, host, port)
}

// connect opens the session with the security the settings ask for at
// this port and, unless -n, logs in: from netrc when it has the host,
// otherwise with the user ID and password read from the input. When Dial
// fails nothing is sent: with SECURE_FTP REQUIRED or -r TLS, no USER or
// PASS ever leaves before TLS is up (the engine ends the session first).
func (a *Interpreter) connect(host string, port int) error {
	a.forgetLogin()
	cfg := a.set.clientConfig()
	sec, notes, err := a.set.cfg.Security(port, a.securityOptions())
	printNotes(a.out, retag(notes, config.IDValueNote, transcript.MsgSecurityWarning))
	if isKeyringError(err) {
		return a.keyringFailed(host, port, cfg, err)
	}
	if err != nil {
		a.out.Printf(transcript.MsgAuthFailed)
		a.out.Printf(transcript.MsgSecurityRefused, err.Error())
		a.skipLoginLines(host)
		return shown(ecAuthentication, fmt.Errorf("open %s: %w", host, err))
	}
	cfg.Security, a.par.sec = sec, sec
	hs := handshakeSeen{next: a.obs} // tlscheck.go
	s, err := client.Dial(client.WithObserver(a.ctx, &hs), host, port, cfg)
	if err != nil {
		var re *client.ReplyError
		var started *client.StartError
		switch {
		case isTimeout(err) && !errors.Is(err, client.ErrSecurityRequired):
			// MYOPENTIME expired before the connection or the 220 (also
			// SECUREIMPLICITZOS TRUE against a handshake-first server):
			// IBM's EZA2589E Initial Connection (timeout.go).
			a.out.Printf(transcript.MsgTimedOut, initialOperation(err))
			a.skipLoginLines(host)
			return shown(ecTimeout, fmt.Errorf("open %s: %w", host, err))
		case sec.Mode.TLS() && (errors.Is(err, client.ErrSecurityRequired) || sec.Mode.Implicit() && errors.As(err, &started)):
			cause := describe(rootErr(err))
			if sec.Mode.Implicit() {
				cause = describe(err) // names the SECUREIMPLICITZOS model (hint.go)
			}
			a.authFailed(sec.Mode.Required(), cause)
			a.skipLoginLines(host)
			return shown(ecAuthentication, fmt.Errorf("open %s: %w", host, err))
		case !errors.As(err, &re):
			a.out.Printf(transcript.MsgConnectFailed, host, port, rootCause(err))
		}
		a.skipLoginLines(host)
		return shown(errorCodeOr(err, ecConnectFailed), fmt.Errorf("open %s: %w", host, err))
	}
	a.sess, a.host, a.port = s, host, port
	if err := a.tlsAccepted(host, sec, &hs); err != nil { // before NAME: tlscheck.go
		return err
	}
	if !a.set.AutoLogin {
		return nil
	}
	a.dialAhead() // PARALLEL's extra sessions in a batch job (parallel.go)
	switch e, ok := a.netrcEntry(host); {
	case a.target != nil && (a.target.HasUser || !ok || e.Login == ""):
		err = a.targetLogin() // the URL's user, or anonymous (url.go)
	case ok && e.Login != "":
		err = a.netrcLogin(e)
	default:
		err = a.login()
	}
	a.settleAhead() // they log in now, or end with a failed login
	if sec.Mode.TLS() && errors.Is(err, client.ErrSecurityRequired) {
		// Under TLS 1.3 a server that refuses the client certificate
		// says so after the handshake, at the reply to USER: shown as
		// a failed handshake is, and the session is over.
		a.authFailed(sec.Mode.Required(), describe(err))
		a.sess.Close()
		a.sess = nil
		return shown(ecAuthentication, fmt.Errorf("open %s: %w", host, err))
	}
	return err
}

// authFailed prints a failed TLS negotiation: zftp's one line with the
// cause (ZFT0170E), then, as z/OS does, EZA2897I and EZA2898I when TLS is
// required. The cause comes first so that IBM's lines stay together and
// EZA1735I follows EZA2898I at once, as in IBM's samples (tech note "FTP
// Client fails with EZA2897I"; IBM Q&A: EZA2898I, then EZA1735I).
func (a *Interpreter) authFailed(required bool, cause string) {
	a.out.Printf(transcript.MsgTLSCause, tlsCause(cause))
	a.out.Printf(transcript.MsgAuthFailed)
	if required {
		a.out.Printf(transcript.MsgAuthRequired)
	}
}

// tlsCause removes the engine's "security is required and could not be
// negotiated: " from a cause: EZA2898I says that when it is true, and
// under SECURE_FTP ALLOWED it is not.
func tlsCause(cause string) string {
	return strings.TrimPrefix(cause, client.ErrSecurityRequired.Error()+": ")
}

// retag gives warnings with ID from the ID to; the rest are kept as they are.
func retag(ws []config.Warning, from, to transcript.ID) []config.Warning {
	for i := range ws {
		if ws[i].ID == from {
			ws[i].ID = to
		}
	}
	return ws
}

// securityOptions tells config where keyrings resolve and how to get a
// PKCS#12 password: the environment or a stash file always; a prompt
// without echo only in an interactive session (a batch job never reads a
// keyring password from its input, which would also be shown).
func (a *Interpreter) securityOptions() config.SecurityOptions {
	o := config.SecurityOptions{Getenv: a.opts.Getenv}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if d, err := a.configDir(); err == nil {
		o.ConfigDir = d
	}
	if !a.src.EchoInput() {
		o.Password = func(file string) (string, error) {
			a.out.Printf(transcript.MsgKeyringPassword, file)
			return a.readAnswer(true)
		}
	}
	return o
}

// netrcEntry returns the netrc entry for host (or the default entry). The
// file is read at the first OPEN; an insecure or broken file is reported
// once and not used.
func (a *Interpreter) netrcEntry(host string) (netrc.Entry, bool) {
	if !a.netrcTried {
		a.netrcTried = true
		path := a.set.NetrcPath
		if path == "" {
			p, err := a.defaultNetrc()
			if err != nil {
				return netrc.Entry{}, false
			}
			path = p
		}
		f, err := netrc.Load(path)
		switch {
		case err == nil:
			a.netrc = f
			for _, w := range f.Warnings {
				a.out.Printf(transcript.MsgNetrcRefused, w.String())
			}
		case errors.Is(err, fs.ErrNotExist) && a.set.NetrcPath == "":
		default:
			a.out.Printf(transcript.MsgNetrcRefused, err.Error()+"; the netrc file is not used")
		}
	}
	if a.netrc == nil {
		return netrc.Entry{}, false
	}
	return a.netrc.Lookup(host)
}

// netrcLogin logs in with the user, password and account of a netrc entry,
// with no prompts (a missing password or account is still asked for). A
// batch script written for a client that prompts may still hold the user
// ID and password records, or blank ones (z/OS batch: "take it from
// NETRC"): they are skipped without echo (loginrecords.go), so that a
// password never reaches the transcript as a subcommand.
func (a *Interpreter) netrcLogin(e netrc.Entry) error {
	if e.Password == "" {
		if a.src.EchoInput() {
			a.swallow.atPassword = e.Login // the password comes from the input
		}
		defer func() { a.swallow.atPassword = "" }()
		return a.logon(e.Login, "", false, e.Account)
	}
	a.expectLoginRecords(e.Login, e.Password, "the netrc entry logged in")
	return a.logon(e.Login, e.Password, true, e.Account)
}

// skipLoginLines reads and drops, without echo, the user ID and password
// lines a batch script holds for the automatic login after a failed OPEN,
// so that they are neither run as subcommands nor printed: a password
// must never reach the transcript. When netrc has the host, the script
// may hold no login lines: the next record is examined instead
// (loginrecords.go).
func (a *Interpreter) skipLoginLines(host string) {
	if !a.set.AutoLogin || !a.src.EchoInput() {
		return
	}
	if e, ok := a.netrcEntry(host); ok && e.Login != "" {
		a.expectLoginRecords(e.Login, e.Password, "the connection failed")
		return
	}
	if name, err := a.src.ReadLine(); err == nil && !ParseNameRecord(name).HasPassword {
		a.src.ReadSecret()
	}
}

// errorCodeOr returns the timeout code for timeouts and def otherwise.
func errorCodeOr(err error, def int) int {
	if errorCode(err) == ecTimeout {
		return ecTimeout
	}
	return def
}

// rootCause returns the innermost error's text: "connection refused"
// rather than the whole chain.
func rootCause(err error) string { return rootErr(err).Error() }

// rootErr returns the innermost error of a chain of single wraps.
func rootErr(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// login runs the automatic login after OPEN: the NAME prompt, USER, and
// PASS (and ACCT) as the server asks, reading the answers from the input.
func (a *Interpreter) login() error {
	a.out.Printf(transcript.MsgNamePrompt, a.host, a.localUser)
	name, err := a.readAnswer(false)
	if err != nil {
		return err
	}
	if strings.TrimSpace(name) == "" && !a.src.EchoInput() {
		// Enter at a terminal takes what the prompt offers: the netrc
		// entry's login, else the user shown. (A blank batch NAME record
		// keeps its z/OS meaning.)
		if e, ok := a.netrcEntry(a.host); ok && e.Login != "" {
			return a.netrcLogin(e)
		}
		name = a.localUser
	}
	// A NAME record may hold the password after the user ID ("anonymous
	// email_address"), and so may a line typed at the terminal's NAME
	// prompt, as a batch job writes it: USER gets the user ID only, the
	// password goes in PASS, never shown (>>> PASS) and never in the
	// history (NAME answers are not kept).
	if n := ParseNameRecord(name); n.HasPassword {
		return a.logon(n.User, n.Password, true, "")
	}
	return a.logon(name, "", false, "")
}

// logon sends USER name and then PASS and ACCT as the replies ask;
// password and account are used when given, otherwise read from the
// input after the PASSWORD: and ACCOUNT: prompts.
func (a *Interpreter) logon(name, password string, havePassword bool, account string) error {
	r, err := a.sess.User(a.ctx, name)
	if err != nil {
		if !havePassword {
			a.consumePasswordRecord()
		}
		return loginError(err)
	}
	if r.Code != 331 && !havePassword {
		a.consumePasswordRecord()
	}
	if r.Code == 331 {
		if !havePassword {
			a.out.Printf(transcript.MsgPasswordPrompt)
			if password, err = a.readPasswordRecord(); err != nil {
				return err
			}
		}
		if r, err = a.sess.Pass(a.ctx, password); err != nil {
			return loginError(err)
		}
	}
	if r.Code == 332 {
		if account == "" {
			a.out.Printf(transcript.MsgAccountPrompt)
			if account, err = a.readAnswer(true); err != nil {
				return err
			}
		}
		if _, err := a.sess.Acct(a.ctx, account); err != nil {
			return loginError(err)
		}
	}
	a.rememberLogin(name, password, account) // PARALLEL's extra sessions (parallel.go)
	a.binaryForUnix()                        // at a terminal: binarydefault.go
	a.openAhead()                            // after USER: a batch job's extra sessions (parallel.go)
	return nil
}

// consumePasswordRecord is the batch login's security rule: when the
// password is to come from the input (a batch job, no password given on
// the USER line or in netrc) and the server did not answer USER with 331
// (it logged the user in at once with 230, asked for an account with 332,
// refused the user ID with 530 or 550, did not know USER with 500, or
// ended the session with 421), the next input record is still the job's
// password record. It is read without echo and dropped, so that it is
// never printed, run as a subcommand, or sent as another command such as
// ACCT. Interactive sessions read nothing: no password was typed ahead.
func (a *Interpreter) consumePasswordRecord() {
	if !a.src.EchoInput() {
		return
	}
	a.readPasswordRecord() // the end of input or a read error: nothing to drop
}

// loginError gives a failed USER, PASS or ACCT the login-failed code when
// the server refused it.
func loginError(err error) error {
	if errorCode(err) == ecServer {
		return withCode(ecLoginFailed, err)
	}
	return err
}

// readAnswer reads one line for a prompt; the end of input becomes
// errEndOfInput.
func (a *Interpreter) readAnswer(secret bool) (string, error) {
	read := a.src.ReadLine
	if secret {
		read = a.src.ReadSecret
	}
	s, err := read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return "", errEndOfInput
		}
		return "", withCode(ecInput, fmt.Errorf("read input: %w", err))
	}
	return s, nil
}

// user logs in: USER user_id [password].
func (a *Interpreter) user(c *call) error {
	if len(c.args) < 1 || len(c.args) > 2 {
		return a.usage(c)
	}
	if len(c.args) == 2 {
		return a.logon(c.args[0], c.args[1], true, "")
	}
	return a.logon(c.args[0], "", false, "")
}

// pass sends the password: PASS password.
func (a *Interpreter) pass(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	_, err := a.sess.Pass(a.ctx, c.args[0])
	return loginError(err)
}

// account sends account information: ACCOUNT text.
func (a *Interpreter) account(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	if _, err := a.sess.Acct(a.ctx, c.rest); err != nil {
		return loginError(err)
	}
	a.par.state.changed("ACCOUNT") // PARALLEL's extra sessions did not send it (serverstate.go)
	return nil
}

// defaultNetrc returns the netrc file used without --netrc.
func (a *Interpreter) defaultNetrc() (string, error) {
	if a.opts.NetrcPath != nil {
		return a.opts.NetrcPath()
	}
	return netrc.DefaultPath()
}

// configDir returns zftp's configuration directory,
// os.UserConfigDir()/zftp, where SAF-style keyring names resolve.
func (a *Interpreter) configDir() (string, error) {
	if a.opts.ConfigDir != nil {
		return a.opts.ConfigDir()
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "zftp"), nil
}
