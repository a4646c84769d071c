package zos

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/zftp/zftp/transcript"
)

// helpColumns is how many subcommand names a HELP line lists.
const helpColumns = 8

// help lists the subcommands (HELP, ?), or shows one subcommand's syntax,
// description and an example (HELP subcommand). Names are written as IBM
// writes them: the minimum abbreviation in capitals. HELP All and HELP
// Server [command] follow IBM's "HElp and ? subcommands" page: All
// describes every subcommand the client implements, Server sends HELP
// (with the command, if any) to the server and shows its reply. As IBM's
// syntax writes them, All and Server are abbreviated down to A and S, and
// these keywords come before subcommand names.
func (a *Interpreter) help(c *call) error {
	if len(c.args) > 0 {
		switch {
		case helpKeyword(c.args[0], "ALL", 1) && len(c.args) == 1:
			a.helpAll()
			return nil
		case helpKeyword(c.args[0], "SERVER", 1):
			return a.helpServer(c)
		}
	}
	if len(c.args) == 0 && c.sub != nil && c.sub.name == "?" {
		a.helpIntro() // IBM: "?" alone is introductory information (helpintro.go)
		return nil
	}
	if len(c.args) == 0 {
		var zos, ext []string
		for _, s := range a.table {
			if s.extension {
				ext = append(ext, displayName(s))
			} else {
				zos = append(zos, displayName(s))
			}
		}
		a.helpLine("Subcommands (capitals are the minimum abbreviation; HELP name shows one):")
		a.helpNames(zos)
		// zftp's own subcommands come after z/OS's, in a group of their
		// own, so that z/OS's list stays as z/OS shows it.
		a.helpLine("zftp extensions (not in z/OS; HELP name shows one):")
		a.helpNames(ext)
		return nil
	}
	res := lookup(a.table, c.args[0])
	if res.sub == nil {
		if len(res.candidates) > 1 {
			a.out.Printf(transcript.MsgAmbiguous, c.args[0], strings.ToLower(strings.Join(res.candidates, ", ")))
		} else {
			a.out.Printf(transcript.MsgUnknownCommand, c.args[0])
		}
		return shown(ecUsage, fmt.Errorf("help: unknown subcommand %q", c.args[0]))
	}
	for _, l := range helpText(res.sub) {
		a.helpLine(l)
	}
	return nil
}

// columns returns the terminal's width for HELP's text (Hooks.Columns),
// or 0 when there is no terminal (batch): the lists then keep
// helpColumns names a line and no text is wrapped.
func (a *Interpreter) columns() int {
	if a.hooks.Columns == nil {
		return 0
	}
	if c := a.hooks.Columns(); c > 0 {
		return c
	}
	return 80 // a terminal that reports no size (0x0): the usual width
}

// helpNames writes a list of subcommand names, indented: helpColumns a
// line without a terminal, else as many as the terminal's width holds.
func (a *Interpreter) helpNames(names []string) {
	if cols := a.columns(); cols > 0 {
		for _, l := range wrapWords(strings.Join(names, " "), cols-1, "  ") {
			a.out.Raw(l)
		}
		return
	}
	for i := 0; i < len(names); i += helpColumns {
		end := min(i+helpColumns, len(names))
		a.out.Raw("  " + strings.Join(names[i:end], " "))
	}
}

// helpLine writes one line of help text, wrapped at word boundaries to
// the terminal's width (continuation lines keep the line's indentation);
// without a terminal, as it is.
func (a *Interpreter) helpLine(l string) {
	cols := a.columns()
	if cols <= 0 {
		a.out.Raw(l)
		return
	}
	text := strings.TrimLeft(l, " ")
	indent := l[:len(l)-len(text)]
	for _, w := range wrapWords(text, cols-1, indent) {
		a.out.Raw(w)
	}
}

// wrapWords breaks text into lines of at most width columns, each
// starting with indent, at blanks; a word longer than a line stands on a
// line of its own (it is never cut).
func wrapWords(text string, width int, indent string) []string {
	var lines []string
	line := indent
	for _, w := range strings.Fields(text) {
		switch {
		case line == indent:
			line += w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
			lines = append(lines, line)
			line = indent + w
		default:
			line += " " + w
		}
	}
	if line != indent || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// helpKeyword reports whether word abbreviates keyword (upper case) to at
// least min letters.
func helpKeyword(word, keyword string, min int) bool {
	u := strings.ToUpper(word)
	return len(u) >= min && strings.HasPrefix(keyword, u)
}

// helpAll writes one line per subcommand: its name as IBM writes it and
// its one-line description (HELP All).
func (a *Interpreter) helpAll() {
	width := 0
	for _, s := range a.table {
		width = max(width, len(s.name))
	}
	cols := a.columns()
	for _, s := range a.table {
		if cols <= 0 {
			a.out.Raw(fmt.Sprintf("  %-*s %s", width, displayName(s), s.help))
			continue
		}
		pad := strings.Repeat(" ", width+3)
		lines := wrapWords(s.help, cols-1, pad)
		lines[0] = fmt.Sprintf("  %-*s %s", width, displayName(s), strings.TrimPrefix(lines[0], pad))
		for _, l := range lines {
			a.out.Raw(l)
		}
	}
}

// helpServer sends HELP, or HELP command, to the server (HELP Server
// [command]); the reply is shown as every reply is. It needs a
// connection, as the subcommands that talk to the server do.
func (a *Interpreter) helpServer(c *call) error {
	if len(c.args) > 2 {
		return a.usage(c)
	}
	if a.sess == nil {
		a.out.Printf(transcript.MsgNotConnected)
		return shown(ecConnectFailed, errors.New("not connected"))
	}
	arg := ""
	if len(c.args) == 2 {
		arg = c.args[1]
	}
	_, err := a.sess.Cmd(a.ctx, "HELP", arg)
	return err
}

// helpText returns the HELP lines of one subcommand.
func helpText(s *subcommand) []string {
	l := []string{
		"Syntax: " + usageLine(s),
		"Minimum abbreviation: " + strings.ToLower(s.name[:s.min]) + "   Subcommand code: " + codeText(s.code),
		"  " + s.help,
	}
	if s.zosOnly {
		l = append(l, "  "+transcript.Format(transcript.MsgNotSupported, s.name))
	}
	if s.aliasOf != "" {
		l = append(l, "  The same as "+s.aliasOf+".")
	}
	if s.example != "" {
		l = append(l, "Example: "+s.example)
	}
	return l
}

// codeText shows a subcommand code, or says it was not retrieved.
func codeText(code int) string {
	if code == codeUnretrieved {
		return "00"
	}
	return fmt.Sprintf("%02d", code)
}

// displayName writes a subcommand as IBM's table does: the minimum
// abbreviation in capitals, the rest in lower case ("BINary").
func displayName(s *subcommand) string {
	return s.name[:s.min] + strings.ToLower(s.name[s.min:])
}
