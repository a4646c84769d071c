package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/chzyer/readline"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// terminalUI is what an interactive session adds to the command loop:
// colour (color.go), the progress line (progress.go), Tab completion
// (complete.go) and hints after errors. Batch sessions have none of it:
// app.ui is nil there, and every method is a no-op on a nil *terminalUI,
// so the command loop calls them without asking which mode it runs in.
type terminalUI struct {
	pal      *palette       // nil: no colour
	colour   *colourWriter  // the terminal under the transcript when coloured
	progress *progressMeter // nil: no progress line
	comp     *completer
	out      io.Writer // the terminal as the transcript sees it (hints)

	// sess is held by the command loop except while it waits at the
	// Command: prompt: the completer (on readline's goroutine) may use the
	// session only when it can take it.
	sess sync.Mutex

	app *app
}

// newTerminalUI decides colour and progress for an interactive run.
func newTerminalUI(f *flags, env environment) *terminalUI {
	u := &terminalUI{}
	if useColor(f.color, env.interactive, env.env(), runtimeGOOS) {
		u.pal = newPalette()
	}
	if fe, ok := env.stderr.(*os.File); ok && env.interactive && isTerminal(fe) {
		u.progress = newProgressMeter(fe)
	}
	u.comp = &completer{ui: u}
	u.sess.Lock() // the command loop holds the session from the start
	return u
}

// attach ties the UI to the app that runs the session (newApp).
func (u *terminalUI) attach(a *app) {
	if u == nil {
		return
	}
	u.app = a
	u.comp.table = a.table
}

// terminalOut returns the writer the prompt tap writes to: w, through
// colour when the session is coloured.
func (u *terminalUI) terminalOut(w io.Writer) io.Writer {
	if u == nil || u.pal == nil {
		return w
	}
	u.colour = newColourWriter(w, u.pal)
	return u.colour
}

// autoCompleter is readline's Tab completer; nil without a UI.
func (u *terminalUI) autoCompleter() readline.AutoCompleter {
	if u == nil {
		return nil
	}
	return u.comp
}

// idle and busy bracket the wait at the Command: prompt.
func (u *terminalUI) idle() {
	if u != nil {
		u.sess.Unlock()
	}
}

func (u *terminalUI) busy() {
	if u != nil {
		u.sess.Lock()
	}
}

// paintPrompt colours a prompt as the editor shows it.
func (u *terminalUI) paintPrompt(p prompt) prompt {
	if u == nil || u.pal == nil {
		return p
	}
	p.line = u.pal.paint(promptColor, p.line)
	p.inline = u.pal.paint(promptColor, p.inline)
	return p
}

// mark colours the transcript lines written until the next mark(0) as
// severity s: for messages the text alone does not classify.
func (u *terminalUI) mark(s transcript.Severity) {
	if u == nil || u.colour == nil {
		return
	}
	u.colour.setMark(s)
}

// observe follows the engine's events for the progress line. No progress
// line is drawn while a DEBUG trace writes to the same stderr.
func (u *terminalUI) observe(e client.Event) {
	if u == nil || u.progress == nil {
		return
	}
	if _, ok := e.(client.TransferStarted); ok && u.app != nil && u.app.set.Tracing() {
		return
	}
	u.progress.observe(e)
}

// expect sets the size of the next transfer's data, for the percentage.
func (u *terminalUI) expect(n int64) {
	if u == nil {
		return
	}
	u.progress.expect(n)
}

// expectRemote asks the server for the size of a file about to be
// fetched (SIZE), only when a progress line will be drawn. The command and
// its reply are kept out of the transcript: the terminal shows what a
// session without progress shows.
func (u *terminalUI) expectRemote(a *app, name string, offset int64) {
	if u == nil || u.progress == nil || a.sess == nil || a.set.Tracing() {
		return
	}
	n := int64(-1)
	a.quietly(func() {
		if size, _, err := a.sess.Size(name); err == nil && size >= offset {
			n = size - offset
		}
	})
	u.progress.expect(n)
}

// quietly runs f with the session's events kept from the transcript, the
// trace and the return-code bookkeeping: for what the front end asks the
// server on its own account (SIZE for the progress line, NLST for Tab).
func (a *app) quietly(f func()) {
	a.quiet = true
	defer func() { a.quiet = false }()
	f()
}

// remoteChanging are the subcommands after which the cached remote names
// of Tab completion are fetched again.
var remoteChanging = map[string]bool{
	"CD": true, "CWD": true, "CDUP": true, "PUT": true, "MPUT": true, "APPEND": true,
	"DELETE": true, "MDELETE": true, "RENAME": true, "MKDIR": true, "RMDIR": true,
	"OPEN": true, "CLOSE": true, "USER": true, "PASS": true, "QUOTE": true, "SITE": true,
}

// afterCommand runs after each subcommand: it stops a progress line left
// drawn and forgets the remote names when the subcommand may have changed
// them.
func (u *terminalUI) afterCommand(sub *subcommand) {
	if u == nil {
		return
	}
	u.progress.stop()
	if sub != nil && remoteChanging[sub.name] {
		u.comp.forget()
	}
}

// hint prints what to do next after a failed subcommand, on the terminal
// only: batch transcripts stay as z/OS writes them.
func (u *terminalUI) hint(sub *subcommand, err error) {
	if u == nil || u.out == nil || err == nil {
		return
	}
	h := hintFor(sub, err)
	if h == "" {
		return
	}
	line := "Hint: " + h
	if u.pal != nil {
		line = u.pal.paint(hintColor, line)
	}
	if u.colour != nil {
		u.colour.setMark(transcript.Info)
		defer u.colour.setMark(0)
	}
	fmt.Fprintln(u.out, line)
}

// hintFor returns the hint for a failure, or "".
func hintFor(sub *subcommand, err error) string {
	name := ""
	if sub != nil {
		name = strings.ToLower(sub.name)
	}
	msg := err.Error()
	var re *client.ReplyError
	switch ec := errorCode(err); {
	case strings.HasSuffix(msg, "not connected"):
		return "connect first: open host [port] (or give the host on the command line: zftp host)."
	case ec == ecUsage && strings.HasSuffix(msg, "wrong arguments"):
		return "help " + name + " shows the syntax and an example."
	case ec == ecAuthentication:
		return "TLS failed: the server's certificate must chain to a CA in the keyring (--keyring FILE, or KEYRING in FTP.DATA); " +
			"-a TLS (SECURE_FTP ALLOWED) goes on in clear when the server refuses TLS. See docs/guide.md, \"TLS step by step\"."
	case ec == ecAlreadyOpen:
		return "close ends this connection; then open the next one."
	case ec == ecTimeout:
		return "the server is slow to answer: raise -w SECONDS, or INACTTIME / MYOPENTIME in FTP.DATA."
	case (name == "get" || name == "mget") && strings.HasSuffix(msg, " exists"):
		return name + " ... (replace overwrites the local file; sunique keeps it and writes name.1."
	case ec == ecConnectFailed && (name == "open" || sub == nil):
		return "check the host name and port (990 is implicit TLS: TLSPORT); behind a firewall or NAT, --passive (FWFRIENDLY TRUE) opens data connections from the client."
	case ec == ecConnectFailed:
		return "the data connection failed: behind a firewall or NAT try locsite fwfriendly (--passive); on TLS sessions, ccc lets a NAT read PORT and PASV."
	case errors.As(err, &re) && re.Reply != nil:
		switch code := re.Reply.Code; {
		case code == 530:
			return "log in with user ID [password]; a netrc entry (--netrc FILE) logs in automatically."
		case code == 550 && (name == "get" || name == "cd" || name == "delete" || name == "rename"):
			return "ls lists the remote names (Tab completes them); pwd shows the remote directory."
		case code == 534 || code == 533 || code == 522:
			return "the server wants protection: private (PROT P) for data, or auth tls then open again."
		}
	}
	return ""
}
