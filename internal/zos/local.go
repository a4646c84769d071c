package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// Subcommands that act on the local side only: local directory, settings
// (LOCSITE, LOCSTAT, STATUS, DEBUG) and toggles.

// lcd changes the local working directory: LCD directory.
func (a *Interpreter) lcd(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	name := oneName(c)
	if name == "-" && !strings.HasPrefix(c.rest, `"`) {
		// "lcd -" goes back, as a shell's cd - and lftp's lcd - do
		// ("-" quoted names a directory of that name).
		if a.prevLocal == "" {
			return a.localError(ecFileAccess, "lcd", errors.New("no previous local directory: lcd - goes back to the directory before the last lcd"))
		}
		name = a.prevLocal
	}
	dir := a.resolve(name)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return a.localError(ecFileAccess, "lcd", fmt.Errorf("%s: no such local directory", dir))
	case err != nil:
		return a.localError(ecFileAccess, "lcd", err)
	case !fi.IsDir():
		return a.localError(ecFileAccess, "lcd", fmt.Errorf("%s is not a directory", dir))
	}
	a.prevLocal, a.localDir = a.localDir, dir
	a.out.Printf(transcript.MsgLocalDirSet, dir)
	return nil
}

// lpwd shows the local working directory with EZA2578I, as IBM's Verbose
// example shows it for lpw (IP User's Guide and Commands, "Verbose
// subcommand": "EZA2578I Local directory name set to hierarchical file
// /u/user33"), the line LCD prints too.
func (a *Interpreter) lpwd(c *call) error {
	a.out.Printf(transcript.MsgLocalDirSet, a.localDir)
	return nil
}

// lmkdir creates a local directory: LMKDIR directory.
func (a *Interpreter) lmkdir(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	if err := os.Mkdir(a.resolve(oneName(c)), 0o755); err != nil {
		return a.localError(ecFileAccess, "lmkdir", err)
	}
	return nil
}

// locsite changes local settings: LOCSITE option[=value] ... Success is
// silent, as on z/OS; z/OS-only options are accepted with a warning. The
// message-ID and data-connection options (MSGIDS, FWFRIENDLY, EPSV4,
// PASSIVEIGNOREADDR) take effect at once; security options at the next OPEN.
func (a *Interpreter) locsite(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	ws, err := a.set.cfg.ApplyLocsite(c.rest)
	if err != nil {
		a.out.Printf(transcript.MsgUsage, "locsite: "+err.Error())
		return shown(ecUsage, fmt.Errorf("locsite: %w", err))
	}
	printNotes(a.out, a.locsiteNotes(ws))
	a.out.SetAlwaysShowIDs(a.set.cfg.MsgIDs)
	if a.sess != nil {
		// Data-connection options apply to the open session at once.
		cc := a.set.cfg.ClientConfig()
		a.sess.SetDataMethod(cc.DataMethod)
		a.sess.SetPassiveAddr(cc.PassiveIgnoreAddr, cc.PassiveFollowAddr)
	}
	return nil
}

// locsiteNotes drops, in a batch job, the "no effect on this platform"
// notes of z/OS-only LOCSITE options (RDW, RECFM=, ...): z/OS accepts them
// without a word (public transcript: "locsite rdw" is followed by the next
// "EZA1460I Command:"), and a batch transcript stays z/OS's. At a terminal
// the note is shown, as a hint is.
func (a *Interpreter) locsiteNotes(ws []config.Warning) []config.Warning {
	if !a.src.EchoInput() {
		return ws
	}
	kept := ws[:0:0]
	for _, w := range ws {
		if w.ID != config.IDNoEffect {
			kept = append(kept, w)
		}
	}
	return kept
}

// locstat shows the local settings: LOCSTAT [statement].
func (a *Interpreter) locstat(c *call) error {
	if len(c.args) > 1 {
		return a.usage(c)
	}
	if len(c.args) == 1 {
		return a.locstatOne(strings.ToUpper(c.args[0]))
	}
	for _, l := range a.localStatus() {
		a.out.Printf(transcript.MsgLocalStatus, l)
	}
	for _, e := range a.set.cfg.LocstatEntries(a.out.ShowsIDs()) {
		a.out.Printf(e.ID, e.Args...)
	}
	return nil
}

// locstatOne shows one statement: the lines the full LOCSTAT prints for
// it, with the same IDs and texts (EZA2819I for FWFRIENDLY, the MSGIDS
// line that says what is shown, the KEYRING default), or "NAME is set to
// value" for a statement the full LOCSTAT does not show.
func (a *Interpreter) locstatOne(name string) error {
	if es := a.set.cfg.LocstatFor(name, a.out.ShowsIDs()); len(es) > 0 {
		for _, e := range es {
			a.out.Printf(e.ID, e.Args...)
		}
		return nil
	}
	v, ok := a.set.cfg.Get(name)
	if !ok {
		a.out.Printf(transcript.MsgUsage, "locstat: "+name+" is not a supported statement")
		return shown(ecUsage, fmt.Errorf("locstat: unknown statement %s", name))
	}
	a.out.Printf(transcript.MsgLocalStatus, name+" is set to "+v)
	return nil
}

// localStatus returns the first LOCSTAT lines: the session state and the
// toggles of this front end; the settings follow (config.LocstatEntries).
func (a *Interpreter) localStatus() []string {
	var l []string
	if a.sess != nil {
		l = append(l, fmt.Sprintf("Connected to %s, port %d", a.host, a.port))
		l = append(l, "Transfer type is "+string(a.sess.CurrentType()))
		l = append(l, "Control connection "+protectionText(a.sess.Protected(), a.sess.ControlCleared()))
		if a.sess.DataProtected() {
			l = append(l, "Data connections are protected (PROT P)")
		} else {
			l = append(l, "Data connections are clear (PROT C)")
		}
	} else {
		l = append(l, "Not connected")
	}
	l = append(l,
		"Local directory is "+a.localDir,
		"Message IDs are "+shownText(a.out.ShowsIDs()),
		"Prompting is "+onOff(a.set.Prompting),
		"Globbing is "+onOff(a.set.Glob),
		"Store unique (SUNIQUE) is "+a.sunique.String(),
		"Automatic login is "+onOff(a.set.AutoLogin),
	)
	if a.set.ftpData.Path != "" {
		l = append(l, "FTP.DATA file is "+a.set.ftpData.Path)
	}
	return l
}

func protectionText(protected, cleared bool) string {
	switch {
	case cleared:
		return "is clear (cleared with CCC)"
	case protected:
		return "is protected by TLS"
	}
	return "is not protected"
}

func shownText(b bool) string {
	if b {
		return "shown"
	}
	return "not shown"
}

// statusCmd shows the server's status: STATUS [name] sends STAT [name].
func (a *Interpreter) statusCmd(c *call) error {
	// IBM "STAtus subcommand": status from the FTP server (STAT); the
	// local settings are LOCSTAT's.
	if a.sess == nil {
		a.out.Printf(transcript.MsgNotConnected)
		return shown(ecConnectFailed, errors.New("not connected"))
	}
	_, err := a.sess.Cmd(a.ctx, "STAT", c.rest)
	return err
}

// debug toggles the client trace, or sets DEBUG options:
// DEBUG [option ...]. EZA2923I shows the traces now active.
func (a *Interpreter) debug(c *call) error {
	v := c.rest
	if v == "?" { // IBM: "Displays the status of the traces."
		a.out.Printf(transcript.MsgTraces, activeTraces(a.set.cfg.Debug))
		return nil
	}
	if v == "" {
		v = debugDefault
		if a.set.Tracing() {
			v = "NONE"
		}
	}
	if _, err := a.set.cfg.Set("DEBUG", v); err != nil {
		a.out.Printf(transcript.MsgUsage, "debug: "+err.Error())
		return shown(ecUsage, fmt.Errorf("debug: %w", err))
	}
	a.out.Printf(transcript.MsgTraces, activeTraces(a.set.cfg.Debug))
	return nil
}

// toggle flips *b and prints the new state as "what is ON|OFF".
func (a *Interpreter) toggle(c *call, b *bool, what string) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	*b = !*b
	a.out.Printf(transcript.MsgLocalStatus, what+" is "+onOff(*b))
	return nil
}

func (a *Interpreter) glob(c *call) error { return a.toggle(c, &a.set.Glob, "Globbing") }
func (a *Interpreter) prompt(c *call) error {
	return a.toggle(c, &a.set.Prompting, "Interactive prompting for MGET, MPUT and MDELETE")
}

// sendsite toggles SENDSITE (z/OS data set attributes sent with PUT; zftp
// stores it for LOCSTAT, and it has no effect on workstation files).
func (a *Interpreter) sendsite(c *call) error {
	return a.toggle(c, &a.set.cfg.SendSite, "Send SITE with PUT (SENDSITE)")
}

// sendport: z/OS can stop sending PORT and let the server connect to the
// default data port (RFC 959). zftp always sends PORT or EPRT (or uses
// PASV with FWFRIENDLY), so turning it off is refused.
func (a *Interpreter) sendport(c *call) error {
	if len(c.args) != 0 {
		return a.usage(c)
	}
	return a.refuse(c, "SENDPORT FALSE (data connections without PORT)")
}

// auth chooses the security mechanism of the next OPEN: AUTH TLS or AUTH
// NEVER (SECURE_MECHANISM); with no argument it shows the mechanism.
// zftp negotiates TLS at OPEN only, so on an open session it refuses.
func (a *Interpreter) auth(c *call) error {
	if len(c.args) > 1 {
		return a.usage(c)
	}
	if len(c.args) == 0 {
		v, _ := a.set.cfg.Get("SECURE_MECHANISM")
		if v == "" {
			v = "NONE"
		}
		a.out.Printf(transcript.MsgLocalStatus, "SECURE_MECHANISM is set to "+v)
		return nil
	}
	if a.sess != nil {
		a.out.Printf(transcript.MsgSecurityRefused, "AUTH applies to the next OPEN: zftp negotiates TLS when it connects (-a TLS, -r TLS, SECURE_MECHANISM TLS). CLOSE, then OPEN again.")
		return shown(ecAuthentication, errors.New("auth: session already open"))
	}
	if err := a.set.cfg.ApplyMechanismFlag("a", c.args[0]); err != nil {
		a.out.Printf(transcript.MsgSecurityRefused, "auth: "+err.Error())
		return shown(ecAuthentication, fmt.Errorf("auth: %w", err))
	}
	a.out.Printf(transcript.MsgLocalSiteChanged)
	return nil
}
