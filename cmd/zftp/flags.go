package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/netrc"
	"github.com/zftp/zftp/internal/zos"
)

// version is set at build time with -ldflags "-X main.version=...";
// otherwise the module version from the build information is used.
var version = ""

// flags holds the command line as parsed: the values that become
// settings (z), and what the program itself uses.
type flags struct {
	z       zos.Flags
	prompt  promptStyle // --prompt, interactive mode (repl.go)
	color   colorMode   // --color, interactive mode (color.go)
	help    bool
	version bool

	host   string
	port   int
	target *zos.Target // the host argument was a URL (url.go)
}

// usageError returns a command-line error: exit status zos.ExitUsage.
func usageError(err error) error { return &zos.Error{Code: zos.ExitUsage, Err: err} }

// parseFlags parses the z/OS UNIX ftp options and zftp's long options.
func parseFlags(args []string, stderr io.Writer) (*flags, *pflag.FlagSet, error) {
	f := &flags{port: 21}
	fs := pflag.NewFlagSet("zftp", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&f.z.Attempt, "attempt", "a", "", "attempt security: TLS (continue in clear if refused), NEVER (none); overrides SECURE_MECHANISM")
	fs.BoolVarP(&f.z.Debug, "debug", "d", false, "start with client tracing on (DEBUG); the trace goes to stderr")
	fs.VarP(exitValue{&f.z}, "exit-on-error", "e", "exit on error with a z/OS return code (EXIT, CLIENTEXIT TRUE); -e=nn exits with the fixed return code nn (EXIT=nn)")
	fs.Lookup("exit-on-error").NoOptDefVal = "true"
	fs.StringVarP(&f.z.FTPData, "ftpdata", "f", "", "FTP.DATA file to use instead of the lookup order")
	fs.BoolVarP(&f.z.NoGlob, "no-glob", "g", false, "no globbing (wildcard expansion) for MDELETE, MGET and MPUT")
	fs.BoolVarP(&f.z.NoPrompt, "no-prompt", "i", false, "no interactive prompting for MDELETE, MGET and MPUT")
	fs.BoolVarP(&f.z.NoAutoLogin, "no-login", "n", false, "no automatic login (no netrc): log in with the USER subcommand")
	fs.StringVarP(&f.z.Stack, "stack", "p", "", "TCP/IP stack name (z/OS only: accepted, no effect); not a port: the port goes after the host")
	fs.StringVarP(&f.z.Require, "require", "r", "", "require security: TLS (no USER or PASS unless TLS is up); overrides SECURE_MECHANISM")
	fs.StringVarP(&f.z.SourceAddr, "source", "s", "", "source IP address for the client's connections")
	fs.StringVarP(&f.z.Translate, "translate", "t", "", "translation table (z/OS only: accepted, no effect)")
	fs.BoolVarP(&f.z.Verbose, "verbose", "v", false, "verbose: show message IDs (EZAnnnnI), as z/OS UNIX ftp -v")
	fs.IntVarP(&f.z.Timeout, "timeout", "w", 0, "seconds to wait for the connection, each reply and each data connection (0 = MYOPENTIME, INACTTIME, DCONNTIME, DATACTTIME)")
	fs.BoolVar(&f.z.Passive, "passive", false, "open data connections from the client (PASV): FWFRIENDLY TRUE")
	fs.BoolVar(&f.z.MsgIDs, "msgids", false, "always show message IDs, as z/OS batch jobs do: MSGIDS TRUE")
	fs.StringVar(&f.z.NetrcPath, "netrc", "", "netrc file for automatic login (default $NETRC, else ~/.netrc; on Windows %USERPROFILE%\\_netrc, else %USERPROFILE%\\.netrc)")
	fs.StringVar(&f.z.Keyring, "keyring", "", "keyring for TLS (PEM, PKCS#12, directory, *AUTH*/*): KEYRING")
	fs.IntVar(&f.z.Parallel, "parallel", 0, "spread MGET, MPUT, MDELETE and MIRROR over up to N logged-in sessions (1-16): PARALLEL")
	fs.BoolVar(&f.z.StrictFTPData, "strict-ftpdata", false, "end with status 7 before connecting when an FTP.DATA statement is bad (z/OS reports it with EZYFT46E, skips it and goes on)")
	addPromptFlag(fs, &f.prompt)
	addColorFlag(fs, &f.color)
	fs.BoolVarP(&f.help, "help", "h", false, "show this help and exit")
	fs.BoolVar(&f.version, "version", false, "show the version and exit")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		return nil, fs, usageError(err)
	}
	if f.help || f.version {
		return f, fs, nil
	}
	if f.z.Timeout < 0 {
		return nil, fs, usageError(fmt.Errorf("invalid -w %d: seconds must be 0 or more", f.z.Timeout))
	}
	rest, tso := splitTSOOptions(fs.Args()) // "(EXIT=08": exitflag.go
	if err := stackIsPort(f.z.Stack, rest); err != nil {
		return nil, fs, usageError(err)
	}
	if err := applyTSOOptions(&f.z, tso); err != nil {
		return nil, fs, usageError(err)
	}
	switch len(rest) {
	case 0:
	case 1, 2:
		if isURL(rest[0]) {
			if len(rest) == 2 {
				return nil, fs, usageError(errors.New("too many arguments: a URL names the port itself"))
			}
			t, err := parseURL(rest[0])
			if err != nil {
				return nil, fs, usageError(err)
			}
			f.target = &t
			return f, fs, nil
		}
		if err := hostPortError(rest[0]); err != nil && len(rest) == 1 {
			return nil, fs, usageError(err)
		}
		f.host = rest[0]
		if len(rest) == 2 {
			p, err := zos.ParsePort(rest[1])
			if err != nil {
				return nil, fs, usageError(err)
			}
			f.port = p
		}
	default:
		return nil, fs, usageError(errors.New("too many arguments: want [host [port]]"))
	}
	return f, fs, nil
}

// printHelp writes the usage text for --help.
func printHelp(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: zftp [options] [host [port]] [(EXIT[=nn] [TRACE]]\n"+
		"       zftp [options] ftp://[user[:password]@]host[:port]/[path]\n\n"+
		"An FTP client that behaves like the z/OS Communications Server FTP client.\n"+
		"With stdin not a terminal, subcommands (and the user ID and password when\n"+
		"the server asks) are read from stdin, as a z/OS batch job reads INPUT.\n"+
		"A URL (ftps:// for implicit TLS) opens a session in a directory (a path\n"+
		"ending in /) or fetches a file into the current directory and exits.\n\n"+
		"Options:\n%s\n"+
		"%s\n\n"+
		"Exit status: 0, or with -e the z/OS return code (CLIENTERRCODES FALSE:\n"+
		"subcommand code x 1000 + last reply code) modulo 256 (never 0 after an\n"+
		"error), or with -e=nn or (EXIT=nn the fixed return code nn; 4 for an invalid command line; the client error code when\n"+
		"FTP.DATA cannot be used (14 file not found; 7 bad statement with\n"+
		"--strict-ftpdata, else EZYFT46E is printed and the statement skipped).\n", fs.FlagUsages(), settingsHelp(runtime.GOOS))
}

// settingsHelp is the paragraph of --help that says where settings and
// the netrc file come from on goos, with that OS's paths.
func settingsHelp(goos string) string {
	env := "$" + config.EnvFTPData
	if goos == "windows" {
		env = "%" + config.EnvFTPData + "%"
	}
	return wrapText("Settings: built-in defaults, then FTP.DATA (-f, "+env+", else the first of "+
		strings.Join(config.LookupDescription(goos), ", ")+"), then these options, then LOCSITE subcommands. "+
		"LOCSTAT shows them. Automatic login reads "+netrc.Description(goos)+" (--netrc, NETRC).", 76)
}

// wrapText breaks s into lines of at most width columns at blanks.
func wrapText(s string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		switch {
		case i == 0:
		case col+1+len(w) > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// versionString returns the version to print for --version.
func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// stackIsPort refuses -p with a port number, as lftp and tnftp users type
// it: on z/OS -p names a TCP/IP stack (zftp has none to choose), so the
// port would be ignored and port 21 used. A stack name (TCPIP, TCPCS) is
// accepted and has no effect (zos.LoadSettings warns).
func stackIsPort(stack string, args []string) error {
	if stack == "" {
		return nil
	}
	if _, err := zos.ParsePort(stack); err != nil {
		return nil
	}
	host := "HOST"
	if len(args) > 0 && !isURL(args[0]) {
		host = args[0]
	}
	return fmt.Errorf("-p %s: on z/OS, -p names a TCP/IP stack, not a port; the port goes after the host: zftp %s %s", stack, host, stack)
}
