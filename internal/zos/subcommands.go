package zos

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// usage prints the syntax of c's subcommand and returns the FTP_USAGE error.
func (a *Interpreter) usage(c *call) error {
	a.out.Printf(transcript.MsgUsage, usageLine(c.sub))
	return shown(ecUsage, fmt.Errorf("%s: wrong arguments", strings.ToLower(c.sub.name)))
}

// usageLine returns "name args" for a subcommand.
func usageLine(s *subcommand) string {
	if s.usage == "" {
		return strings.ToLower(s.name)
	}
	return strings.ToLower(s.name) + " " + s.usage
}

// refuse prints why the client will not do what c asks and returns the
// FTP_USAGE error.
func (a *Interpreter) refuse(c *call, text string) error {
	a.out.Printf(transcript.MsgNotSupported, text)
	return shown(ecUsage, fmt.Errorf("%s: %s not supported", strings.ToLower(c.sub.name), text))
}

// notSupported answers a z/OS-only subcommand, as the z/OS client answers
// one it cannot run in its environment.
func (a *Interpreter) notSupported(c *call) error {
	a.out.Printf(transcript.MsgNotSupported, c.sub.name)
	return shown(ecUsage, fmt.Errorf("%s is not supported on this platform", c.sub.name))
}

// oneArg runs f with the verbatim rest of the line, which must not be
// empty.
func (a *Interpreter) oneArg(c *call, f func(context.Context, string) (*client.Reply, error)) error {
	if c.rest == "" {
		return a.usage(c)
	}
	_, err := f(a.ctx, c.rest)
	return err
}

// oneNameArg runs f with the one name the line gives (oneName: a
// double-quoted name loses its quotes).
func (a *Interpreter) oneNameArg(c *call, f func(context.Context, string) (*client.Reply, error)) error {
	if c.rest == "" {
		return a.usage(c)
	}
	_, err := f(a.ctx, oneName(c))
	return err
}

// noArgs runs f after checking that the line has no arguments.
func (a *Interpreter) noArgs(c *call, f func(context.Context) (*client.Reply, error)) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	_, err := f(a.ctx)
	return err
}

func (a *Interpreter) cd(c *call) error     { return a.oneNameArg(c, a.sess.Cwd) }
func (a *Interpreter) cdup(c *call) error   { return a.noArgs(c, a.sess.Cdup) }
func (a *Interpreter) mkdir(c *call) error  { return a.oneNameArg(c, a.sess.Mkdir) }
func (a *Interpreter) rmdir(c *call) error  { return a.oneNameArg(c, a.sess.Rmdir) }
func (a *Interpreter) noop(c *call) error   { return a.noArgs(c, a.sess.Noop) }
func (a *Interpreter) system(c *call) error { return a.noArgs(c, a.sess.Syst) }

// site sends SITE parameters; PARALLEL's extra sessions repeat those the
// server accepted (serverstate.go).
func (a *Interpreter) site(c *call) error {
	return a.oneArg(c, func(ctx context.Context, args string) (*client.Reply, error) {
		r, err := a.sess.Site(ctx, args)
		if err == nil {
			a.par.state.noteSite(args)
		}
		return r, err
	})
}

// quote sends a command as typed; what it may change of the session's
// state is noted for PARALLEL's extra sessions (serverstate.go).
func (a *Interpreter) quote(c *call) error {
	return a.oneArg(c, func(ctx context.Context, line string) (*client.Reply, error) {
		r, err := a.sess.Quote(ctx, line)
		a.par.state.noteQuote(line, r)
		return r, err
	})
}

// delete deletes a remote file, as a job: DELETE remote_file.
func (a *Interpreter) delete(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	return a.job().delete(oneName(c))
}

func (a *Interpreter) feature(c *call) error {
	return a.noArgs(c, func(ctx context.Context) (*client.Reply, error) {
		_, r, err := a.sess.Feat(ctx)
		return r, err
	})
}

// language sends LANG with an optional language tag.
func (a *Interpreter) language(c *call) error {
	if len(c.args) > 1 {
		return a.usage(c)
	}
	if _, err := a.sess.Cmd(a.ctx, "LANG", c.rest); err != nil {
		return err
	}
	a.par.state.changed("LANG") // serverstate.go
	return nil
}

func (a *Interpreter) pwd(c *call) error {
	return a.noArgs(c, func(ctx context.Context) (*client.Reply, error) {
		_, r, err := a.sess.Pwd(ctx)
		var re *client.ReplyError
		if err != nil && r != nil && r.Code == 257 && !errors.As(err, &re) {
			return r, nil // a 257 whose path zftp cannot parse is still an answer
		}
		return r, err
	})
}

// transferTypes maps the TYPE argument to what the engine sends.
var transferTypes = map[string]client.TransferType{
	"A": client.TypeASCII, "E": client.TypeEBCDIC, "I": client.TypeImage,
}

// setType sends TYPE t.
func (a *Interpreter) setType(c *call, t client.TransferType) error {
	return a.noArgs(c, func(ctx context.Context) (*client.Reply, error) { return a.sess.Type(ctx, t) })
}

func (a *Interpreter) typeASCII(c *call) error  { return a.setType(c, client.TypeASCII) }
func (a *Interpreter) typeImage(c *call) error  { return a.setType(c, client.TypeImage) }
func (a *Interpreter) typeEBCDIC(c *call) error { return a.setType(c, client.TypeEBCDIC) }

// typeCmd sets the transfer type: TYPE A|E|I; without an argument it shows
// the type in force. The DBCS, UCS-2 and F types of z/OS are refused.
func (a *Interpreter) typeCmd(c *call) error {
	if len(c.args) == 0 {
		a.out.Printf(transcript.MsgLocalStatus, "Transfer type is "+string(a.sess.CurrentType()))
		return nil
	}
	t, ok := transferTypes[strings.ToUpper(c.args[0])]
	if !ok || len(c.args) > 1 {
		return a.refuse(c, "TYPE "+c.rest)
	}
	_, err := a.sess.Type(a.ctx, t)
	return err
}

// mode sets the transfer mode: only S (stream) is sent; B and C are
// refused before anything reaches the server, because zftp's data
// transfers are stream only.
func (a *Interpreter) mode(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	return a.setMode(c, strings.ToUpper(c.args[0]))
}

func (a *Interpreter) setMode(c *call, m string) error {
	switch m {
	case "S":
		_, err := a.sess.Mode(a.ctx, "S")
		return err
	case "B":
		return a.refuse(c, "MODE B (block mode)")
	case "C":
		return a.refuse(c, "MODE C (compressed mode)")
	}
	return a.usage(c)
}

func (a *Interpreter) modeStream(c *call) error {
	return a.noArgsThen(c, func() error { return a.setMode(c, "S") })
}
func (a *Interpreter) modeBlock(c *call) error {
	return a.noArgsThen(c, func() error { return a.setMode(c, "B") })
}
func (a *Interpreter) modeCompress(c *call) error {
	return a.noArgsThen(c, func() error { return a.setMode(c, "C") })
}

// structure sets the file structure: F is sent; R (record) is refused.
func (a *Interpreter) structure(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	return a.setStru(c, strings.ToUpper(c.args[0]))
}

func (a *Interpreter) setStru(c *call, st string) error {
	switch st {
	case "F":
		_, err := a.sess.Stru(a.ctx, "F")
		return err
	case "R":
		return a.refuse(c, "STRUCTURE R (record structure)")
	}
	return a.usage(c)
}

func (a *Interpreter) struFile(c *call) error {
	return a.noArgsThen(c, func() error { return a.setStru(c, "F") })
}
func (a *Interpreter) struRecord(c *call) error {
	return a.noArgsThen(c, func() error { return a.setStru(c, "R") })
}

// noArgsThen runs f after checking that the line has no arguments.
func (a *Interpreter) noArgsThen(c *call, f func() error) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	return f()
}

// rename renames a remote file: RENAME from to.
func (a *Interpreter) rename(c *call) error {
	if len(c.args) != 2 {
		return a.usage(c)
	}
	_, err := a.sess.Rename(a.ctx, c.args[0], c.args[1])
	return err
}

// closeConn ends the connection and stays in zftp.
func (a *Interpreter) closeConn(c *call) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	return a.quitSession()
}

// quit ends the connection, if any, and zftp.
func (a *Interpreter) quit(c *call) error {
	a.done = true
	if a.sess == nil {
		return nil
	}
	return a.quitSession()
}

// verbose toggles message IDs.
func (a *Interpreter) verbose(c *call) error {
	if a.out.Verbose() {
		a.out.SetVerbose(false)
		a.out.Printf(transcript.MsgIDsHidden)
	} else {
		a.out.SetVerbose(true)
		a.out.Printf(transcript.MsgIDsShown)
	}
	return nil
}

// delimit shows the character between a file name and its file type.
func (a *Interpreter) delimit(c *call) error {
	a.out.Printf(transcript.MsgLocalStatus, "Delimiter between file name and file type is .")
	return nil
}
