package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// usage prints the syntax of c's subcommand and returns the FTP_USAGE error.
func (a *app) usage(c *call) error {
	a.out.Printf(transcript.MsgUsage, usageLine(c.sub))
	return shown(ecUsage, fmt.Errorf("%s: wrong arguments", strings.ToLower(c.sub.name)))
}

// usageLine returns "NAME args" for a subcommand.
func usageLine(s *subcommand) string {
	if s.usage == "" {
		return strings.ToLower(s.name)
	}
	return strings.ToLower(s.name) + " " + s.usage
}

// open connects to a host: OPEN host [port].
func (a *app) open(c *call) error {
	if a.sess != nil {
		a.out.Printf(transcript.MsgAlreadyOpen, a.host)
		return shown(ecAlreadyOpen, errors.New("already connected"))
	}
	if len(c.args) < 1 || len(c.args) > 2 {
		return a.usage(c)
	}
	port := 21
	if len(c.args) == 2 {
		p, err := parsePort(c.args[1])
		if err != nil {
			a.out.Printf(transcript.MsgUsage, usageLine(c.sub)+": "+err.Error())
			return shown(ecUsage, err)
		}
		port = p
	}
	return a.connect(c.args[0], port)
}

// connect opens the session and, unless -n, logs in with the user ID and
// password read from the input.
func (a *app) connect(host string, port int) error {
	s, err := client.Dial(context.Background(), host, port, a.set.clientConfig(a))
	if err != nil {
		var re *client.ReplyError
		if !errors.As(err, &re) {
			a.out.Printf(transcript.MsgConnectFailed, host, port, rootCause(err))
		}
		a.skipLoginLines()
		return shown(errorCodeOr(err, ecConnectFailed), fmt.Errorf("open %s: %w", host, err))
	}
	a.sess, a.host = s, host
	if !a.set.AutoLogin {
		return nil
	}
	return a.login()
}

// skipLoginLines reads and drops, without echo, the user ID and password
// lines a batch script holds for the automatic login after a failed OPEN,
// so that they are neither run as subcommands nor printed: a password
// must never reach the transcript.
func (a *app) skipLoginLines() {
	if !a.set.AutoLogin || !a.src.EchoInput() {
		return
	}
	if _, err := a.src.ReadLine(); err == nil {
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
func rootCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// login runs the automatic login after OPEN: the NAME prompt, USER, and
// PASS (and ACCT) as the server asks, reading the answers from the input.
func (a *app) login() error {
	a.out.Printf(transcript.MsgNamePrompt, a.host, a.localUser)
	name, err := a.readAnswer(false)
	if err != nil {
		return err
	}
	return a.logon(name, "", false)
}

// logon sends USER name and then PASS and ACCT as the replies ask;
// password is used if given, otherwise read from the input.
func (a *app) logon(name, password string, havePassword bool) error {
	r, err := a.sess.User(name)
	if err != nil {
		return loginError(err)
	}
	if r.Code == 331 {
		if !havePassword {
			a.out.Printf(transcript.MsgPasswordPrompt)
			if password, err = a.readAnswer(true); err != nil {
				return err
			}
		}
		if r, err = a.sess.Pass(password); err != nil {
			return loginError(err)
		}
	}
	if r.Code == 332 {
		a.out.Printf(transcript.MsgAccountPrompt)
		acct, err := a.readAnswer(false)
		if err != nil {
			return err
		}
		if _, err := a.sess.Acct(acct); err != nil {
			return loginError(err)
		}
	}
	return nil
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
func (a *app) readAnswer(secret bool) (string, error) {
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
func (a *app) user(c *call) error {
	if len(c.args) < 1 || len(c.args) > 2 {
		return a.usage(c)
	}
	if len(c.args) == 2 {
		return a.logon(c.args[0], c.args[1], true)
	}
	return a.logon(c.args[0], "", false)
}

// pass sends the password: PASS password.
func (a *app) pass(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	_, err := a.sess.Pass(c.args[0])
	return loginError(err)
}

// oneArg runs f with the verbatim rest of the line, which must not be
// empty.
func (a *app) oneArg(c *call, f func(string) (*client.Reply, error)) error {
	if c.rest == "" {
		return a.usage(c)
	}
	_, err := f(c.rest)
	return err
}

// noArgs runs f after checking that the line has no arguments.
func (a *app) noArgs(c *call, f func() (*client.Reply, error)) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	_, err := f()
	return err
}

func (a *app) cd(c *call) error     { return a.oneArg(c, a.sess.Cwd) }
func (a *app) cdup(c *call) error   { return a.noArgs(c, a.sess.Cdup) }
func (a *app) delete(c *call) error { return a.oneArg(c, a.sess.Delete) }
func (a *app) mkdir(c *call) error  { return a.oneArg(c, a.sess.Mkdir) }
func (a *app) rmdir(c *call) error  { return a.oneArg(c, a.sess.Rmdir) }
func (a *app) site(c *call) error   { return a.oneArg(c, a.sess.Site) }
func (a *app) quote(c *call) error  { return a.oneArg(c, a.sess.Quote) }
func (a *app) noop(c *call) error   { return a.noArgs(c, a.sess.Noop) }
func (a *app) system(c *call) error { return a.noArgs(c, a.sess.Syst) }

func (a *app) pwd(c *call) error {
	return a.noArgs(c, func() (*client.Reply, error) {
		_, r, err := a.sess.Pwd()
		var re *client.ReplyError
		if err != nil && r != nil && r.Code == 257 && !errors.As(err, &re) {
			return r, nil // a 257 whose path zftp cannot parse is still an answer
		}
		return r, err
	})
}

func (a *app) typeASCII(c *call) error {
	return a.noArgs(c, func() (*client.Reply, error) { return a.sess.Type(client.TypeASCII) })
}

func (a *app) typeImage(c *call) error {
	return a.noArgs(c, func() (*client.Reply, error) { return a.sess.Type(client.TypeImage) })
}

// rename renames a remote file: RENAME from to.
func (a *app) rename(c *call) error {
	if len(c.args) != 2 {
		return a.usage(c)
	}
	_, err := a.sess.Rename(c.args[0], c.args[1])
	return err
}

// closeConn ends the connection and stays in zftp.
func (a *app) closeConn(c *call) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	s := a.sess
	a.sess = nil
	_, err := s.Quit()
	return err
}

// quit ends the connection, if any, and zftp.
func (a *app) quit(c *call) error {
	a.done = true
	if a.sess == nil {
		return nil
	}
	s := a.sess
	a.sess = nil
	_, err := s.Quit()
	return err
}

// verbose toggles message IDs.
func (a *app) verbose(c *call) error {
	if a.out.Verbose() {
		a.out.SetVerbose(false)
		a.out.Printf(transcript.MsgIDsHidden)
	} else {
		a.out.SetVerbose(true)
		a.out.Printf(transcript.MsgIDsShown)
	}
	return nil
}

// help lists the subcommands, or shows one subcommand's syntax.
func (a *app) help(c *call) error {
	if len(c.args) == 0 {
		var names []string
		for _, s := range a.table {
			names = append(names, displayName(s))
		}
		for i := 0; i < len(names); i += 8 {
			end := min(i+8, len(names))
			a.out.Raw(strings.Join(names[i:end], " "))
		}
		return nil
	}
	res := lookup(a.table, c.args[0])
	if res.sub == nil {
		a.out.Printf(transcript.MsgUnknownCommand, c.args[0])
		return shown(ecUsage, fmt.Errorf("help: unknown subcommand %q", c.args[0]))
	}
	a.out.Raw(usageLine(res.sub))
	a.out.Raw("  " + res.sub.help)
	return nil
}

// displayName writes a subcommand as IBM's table does: the minimum
// abbreviation in capitals, the rest in lower case ("BINary").
func displayName(s *subcommand) string {
	return s.name[:s.min] + strings.ToLower(s.name[s.min:])
}
