package zos

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/netrc"
)

// The man page docs/zftp.1 is generated from the same source as --help
// and HELP: the program's flag set and the subcommand table. The prose
// around them is here. cmd/zftp's TestManPage keeps the file current
// (go generate ./cmd/zftp, or go test ./cmd/zftp -run TestManPage -update).

// ManPage writes the zftp(1) page in roff (man macros): the options of fs,
// the subcommand table, and the prose around them.
func ManPage(w io.Writer, fs *pflag.FlagSet) {
	table := newTable()
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p(`.\" Generated from cmd/zftp (flags and subcommand table); do not edit.`)
	p(`.\" Regenerate: go generate ./cmd/zftp`)
	p(`.TH ZFTP 1 "" "zftp" "User Commands"`)
	p(`.SH NAME`)
	p(`zftp \- FTP and FTPS client that behaves like the z/OS FTP client`)
	p(`.SH SYNOPSIS`)
	p(`.B zftp`)
	p(`[\fIoptions\fR] [\fIhost\fR [\fIport\fR]] [\fB(EXIT\fR[\fB=\fR\fInn\fR] [\fBTRACE\fR]]`)
	p(`.br`)
	p(`.B zftp`)
	p(`[\fIoptions\fR] \fBftp://\fR[\fIuser\fR[:\fIpassword\fR]@]\fIhost\fR[:\fIport\fR]/[\fIpath\fR]`)
	p(`.SH DESCRIPTION`)
	para(w, "zftp is a command-line FTP and FTPS client that behaves like the IBM z/OS Communications Server FTP client: "+
		"the same subcommands and minimum abbreviations, the same EZAnnnnI transcript, the same FTP.DATA statements and return codes.")
	para(w, "With stdin not a terminal, zftp reads subcommands from stdin as a z/OS batch job reads its INPUT data set: "+
		"the user ID and password come from the next input lines when the server asks for them, each subcommand is echoed, "+
		"and the end of input ends the session as QUIT does. Batch output is plain text, never coloured, with no progress line.")
	para(w, "Given a URL, as tnftp takes one, zftp logs in with the URL's user and password (percent-decoded; without a user, "+
		"the netrc entry for the host, else anonymous), then opens a session in the directory when the path ends in /, "+
		"or fetches the file in binary into the current directory and exits (0 on success, the return code otherwise). "+
		"ftps:// is implicit TLS as curl and RFC 4217 servers take it: the handshake first (SECUREIMPLICITZOS FALSE), "+
		"data connections protected (PBSZ 0, PROT P), port 990 by default; --keyring names the CA. "+
		"The password is never shown: the transcript has >>> PASS only.")
	para(w, "With stdin and stdout both terminals, zftp is interactive: line editing and history, passwords read without echo, "+
		"Tab completion of subcommand names, local file names and remote names, a progress line on stderr during transfers "+
		"(when stderr is a terminal too), colour for prompts, errors and warnings, and a hint after an error.")
	p(`.SH OPTIONS`)
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		p(`.TP`)
		head := `\fB\-\-` + roff(f.Name) + `\fR`
		if f.Shorthand != "" {
			head = `\fB\-` + f.Shorthand + `\fR, ` + head
		}
		if t := f.Value.Type(); t != "bool" {
			head += ` \fI` + roff(t) + `\fR`
		}
		p("%s", head)
		u := f.Usage
		if f.Value.Type() != "bool" && f.DefValue != "" && f.DefValue != "0" {
			u += " (default " + f.DefValue + ")"
		}
		p("%s", roffText(u))
	})
	p(`.SH SUBCOMMANDS`)
	para(w, "Capitals are the minimum abbreviation. HELP lists them; HELP name shows one with its syntax and an example. "+
		"Subcommands marked z/OS only are recognised and answered \"not supported on this platform\".")
	for _, s := range table {
		p(`.TP`)
		p(`\fB%s\fR%s`, roff(displayName(s)), roff(strings.TrimPrefix(usageLine(s), strings.ToLower(s.name))))
		h := s.help
		if s.zosOnly {
			h = "(z/OS only) " + h
		}
		if s.aliasOf != "" && !strings.Contains(h, "the same as "+s.aliasOf) {
			h += "; the same as " + s.aliasOf
		}
		p("%s.", roffText(strings.TrimSuffix(h, ".")))
		if s.example != "" {
			p(`Example: \fB%s\fR`, roff(s.example))
		}
	}
	p(`.SH INTERACTIVE USE`)
	para(w, "Tab completes the subcommand name, then its arguments: local files and directories (PUT, MPUT, APPEND, LCD, LMKDIR, "+
		"REPUT, GET's and REGET's local name, MIRROR's local directory), names in the current remote directory (GET, REGET, MGET, CD, "+
		"DELETE, RENAME, RMDIR, LS, DIR, MIRROR's remote directory; with MIRROR -R the local directory comes first), commands from "+
		"PATH after !, and subcommand names after HELP. A name with a blank is completed inside double quotes (\"my file.txt\"), "+
		"the way a quoted argument is read; after an opening quote completion goes on inside it. Remote names come from a LIST "+
		"(an NLST when the listing is in no format zftp reads) that is kept until a subcommand that can change them (CD, PUT, "+
		"DELETE, RENAME, MKDIR, RMDIR ...); it is not shown in the transcript. A terminal that reports no size is taken as 80 columns wide.")
	para(w, "During GET, PUT, APPEND, MGET and MPUT a progress line on stderr shows the file name, the percentage (from SIZE, "+
		"or the local file's size), a bar, the bytes moved, the rate and the time left; below 60 columns a compact line shows the "+
		"name, percentage, rate and time left, leaving out whole what does not fit. It is cleared before the server's final reply "+
		"and at Ctrl-C; the EZA1617I line is the same as without it. There is no progress line while a DEBUG trace is on. "+
		"HELP lists zftp's own subcommands (MIRROR, REGET, REPUT) in a group after z/OS's, and at a terminal wraps its text at "+
		"word boundaries to the terminal's width. LCD - goes back to the previous local directory.")
	para(w, "Ctrl-C at the Command: prompt drops what is typed and prompts again, on an empty line too; Ctrl-D on an empty line "+
		"ends zftp as QUIT does. At the NAME and PASSWORD prompts and MGET's questions, Ctrl-C on an empty line stops what asked. "+
		"Ctrl-C during a transfer aborts it (ABOR) and the session goes on. "+
		"The history is kept in the user config directory (zftp/history, mode 0600), without USER, PASS and ACCOUNT lines, "+
		"nor the answers to NAME and PASSWORD.")
	para(w, "A server whose SYST reply is 215 UNIX Type: L8 gets TYPE I after the login at a terminal (said with ZFT0230I), "+
		"so files arrive byte for byte; ascii switches back. A batch job keeps z/OS's TYPE A; a TYPE A GET whose data holds "+
		"NUL bytes or CRs without LF is kept with warning ZFT0231W, which names binary.")
	p(`.SH ENVIRONMENT`)
	for _, e := range [][2]string{
		{"NETRC", "the netrc file for automatic login (default ~/.netrc; on Windows %USERPROFILE%\\_netrc, else %USERPROFILE%\\.netrc)."},
		{"ZFTP_FTPDATA", "the FTP.DATA file, when -f is not given."},
		{"NO_COLOR", "when set and not empty, no colour with --color=auto."},
		{"TERM", "dumb means no colour with --color=auto."},
		{"XDG_CONFIG_HOME", "the user config directory on Unix (zftp/ftp.data, zftp/history, keyrings)."},
	} {
		p(`.TP`)
		p(`.B %s`, e[0])
		p("%s", roffText(e[1]))
	}
	p(`.SH FILES`)
	for _, f := range [][2]string{
		{strings.Join(config.LookupDescription("linux"), ", "), "FTP.DATA, in this lookup order, after -f and $ZFTP_FTPDATA; the first found is used."},
		{strings.Join(config.LookupDescription("darwin"), ", "), "FTP.DATA on macOS."},
		{strings.Join(config.LookupDescription("windows"), ", "), "FTP.DATA on Windows."},
		{"~/.netrc", "automatic login; refused when others can read it and it holds a password."},
		{netrc.Description("windows"), "automatic login on Windows (no mode check: Windows has no such mode bits)."},
		{"$XDG_CONFIG_HOME/zftp/history", "the interactive history (%AppData%\\zftp\\history on Windows)."},
	} {
		p(`.TP`)
		p(`.I %s`, roff(f[0]))
		p("%s", roffText(f[1]))
	}
	p(`.SH EXIT STATUS`)
	para(w, "0, or with -e the z/OS return code (CLIENTERRCODES FALSE: subcommand code x 1000 + last reply code) modulo 256, "+
		"never 0 after an error, or with -e=nn or (EXIT=nn after the host the fixed return code nn (IBM's EXIT=nn); 4 for an invalid command line; the client error code when FTP.DATA cannot be used "+
		"(7 bad statement, 14 file not found).")
	p(`.SH EXAMPLES`)
	p(`.nf`)
	p(`zftp \-v zos.example.com`)
	p(`zftp \-r TLS \-\-keyring ca.pem zos.example.com 21 < job.txt > job.log`)
	p(`zftp \-\-color=never \-\-prompt=compact localhost 2121`)
	p(`.fi`)
	p(`.SH INSTALLATION`)
	para(w, "make install PREFIX=DIR in the sources puts zftp and zftpd in DIR/bin and this page in DIR/share/man/man1 "+
		"(PREFIX defaults to /usr/local); with DIR/bin on PATH, man zftp finds it.")
	p(`.SH SEE ALSO`)
	para(w, "docs/guide.md (user guide), docs/subcommands.md, docs/ftpdata.md, docs/zos-differences.md in the zftp sources; "+
		"IBM z/OS Communications Server IP User's Guide and Commands, \"Transferring data using FTP\".")
}

// para writes a paragraph.
func para(w io.Writer, text string) {
	fmt.Fprintf(w, ".PP\n%s\n", roffText(text))
}

// roff escapes text inside a line: backslashes and hyphens.
func roff(s string) string {
	return strings.NewReplacer(`\`, `\e`, `-`, `\-`).Replace(s)
}

// roffText escapes a line of text: as roff, and a leading dot or quote is
// protected.
func roffText(s string) string {
	s = roff(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
