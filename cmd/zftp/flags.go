package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strconv"

	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=...";
// otherwise the module version from the build information is used.
var version = ""

// flags holds the command line as parsed, before it becomes settings.
type flags struct {
	verbose     bool
	noAutoLogin bool
	exitOnError bool
	debug       bool
	noPrompt    bool
	noGlob      bool
	timeout     int
	srcAddr     string
	passive     bool
	msgIDs      bool
	attempt     string      // -a NEVER|GSSAPI|TLS
	require     string      // -r NEVER|GSSAPI|TLS
	ftpData     string      // -f FILE
	stack       string      // -p: TCP/IP stack name (z/OS only; accepted, no effect)
	translate   string      // -t: translation table (z/OS only; accepted, no effect)
	netrcPath   string      // --netrc FILE
	keyring     string      // --keyring SPEC: KEYRING
	prompt      promptStyle // --prompt, interactive mode (repl.go)
	color       colorMode   // --color, interactive mode (color.go)
	help        bool
	version     bool

	host string
	port int
}

// errUsage reports a command line that cannot be used; the message has
// been printed.
type errUsage struct{ msg string }

func (e *errUsage) Error() string { return e.msg }

// parseFlags parses the z/OS UNIX ftp options and zftp's long options.
func parseFlags(args []string, stderr io.Writer) (*flags, *pflag.FlagSet, error) {
	f := &flags{port: 21}
	fs := pflag.NewFlagSet("zftp", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&f.attempt, "attempt", "a", "", "attempt security: TLS (continue in clear if refused), NEVER (none); overrides SECURE_MECHANISM")
	fs.BoolVarP(&f.debug, "debug", "d", false, "start with client tracing on (DEBUG); the trace goes to stderr")
	fs.BoolVarP(&f.exitOnError, "exit-on-error", "e", false, "exit on error with a z/OS return code (EXIT, CLIENTEXIT TRUE)")
	fs.StringVarP(&f.ftpData, "ftpdata", "f", "", "FTP.DATA file to use instead of the lookup order")
	fs.BoolVarP(&f.noGlob, "no-glob", "g", false, "no globbing (wildcard expansion) for MDELETE, MGET and MPUT")
	fs.BoolVarP(&f.noPrompt, "no-prompt", "i", false, "no interactive prompting for MDELETE, MGET and MPUT")
	fs.BoolVarP(&f.noAutoLogin, "no-login", "n", false, "no automatic login (no netrc): log in with the USER subcommand")
	fs.StringVarP(&f.stack, "stack", "p", "", "TCP/IP stack name (z/OS only: accepted, no effect)")
	fs.StringVarP(&f.require, "require", "r", "", "require security: TLS (no USER or PASS unless TLS is up); overrides SECURE_MECHANISM")
	fs.StringVarP(&f.srcAddr, "source", "s", "", "source IP address for the client's connections")
	fs.StringVarP(&f.translate, "translate", "t", "", "translation table (z/OS only: accepted, no effect)")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "verbose: show message IDs (EZAnnnnI), as z/OS UNIX ftp -v")
	fs.IntVarP(&f.timeout, "timeout", "w", 0, "seconds to wait for the connection and for each reply (0 = MYOPENTIME, INACTTIME)")
	fs.BoolVar(&f.passive, "passive", false, "open data connections from the client (PASV): FWFRIENDLY TRUE")
	fs.BoolVar(&f.msgIDs, "msgids", false, "always show message IDs, as z/OS batch jobs do: MSGIDS TRUE")
	fs.StringVar(&f.netrcPath, "netrc", "", "netrc file for automatic login (default $NETRC, else ~/.netrc)")
	fs.StringVar(&f.keyring, "keyring", "", "keyring for TLS (PEM, PKCS#12, directory, *AUTH*/*): KEYRING")
	addPromptFlag(fs, &f.prompt)
	addColorFlag(fs, &f.color)
	fs.BoolVarP(&f.help, "help", "h", false, "show this help and exit")
	fs.BoolVar(&f.version, "version", false, "show the version and exit")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		return nil, fs, &errUsage{err.Error()}
	}
	if f.help || f.version {
		return f, fs, nil
	}
	if f.timeout < 0 {
		return nil, fs, &errUsage{fmt.Sprintf("invalid -w %d: seconds must be 0 or more", f.timeout)}
	}
	rest := fs.Args()
	switch len(rest) {
	case 0:
	case 1, 2:
		f.host = rest[0]
		if len(rest) == 2 {
			p, err := parsePort(rest[1])
			if err != nil {
				return nil, fs, &errUsage{err.Error()}
			}
			f.port = p
		}
	default:
		return nil, fs, &errUsage{"too many arguments: want [host [port]]"}
	}
	return f, fs, nil
}

// parsePort parses a port number 1..65535.
func parsePort(s string) (int, error) {
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("invalid port %q: want a number from 1 to 65535", s)
	}
	return p, nil
}

// printHelp writes the usage text for --help.
func printHelp(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "Usage: zftp [options] [host [port]]\n\n"+
		"An FTP client that behaves like the z/OS Communications Server FTP client.\n"+
		"With stdin not a terminal, subcommands (and the user ID and password when\n"+
		"the server asks) are read from stdin, as a z/OS batch job reads INPUT.\n\n"+
		"Options:\n%s\n"+
		"Settings: built-in defaults, then FTP.DATA (-f, $ZFTP_FTPDATA, the user\n"+
		"config dir's zftp/ftp.data, ~/.zftp/ftp.data, /etc/zftp/ftp.data), then\n"+
		"these options, then LOCSITE subcommands. LOCSTAT shows them.\n\n"+
		"Exit status: 0, or with -e the z/OS return code (CLIENTERRCODES FALSE:\n"+
		"subcommand code x 1000 + last reply code) modulo 256 (never 0 after an\n"+
		"error); 4 for an invalid command line; the client error code when\n"+
		"FTP.DATA cannot be used (7 bad statement, 14 file not found).\n", fs.FlagUsages())
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
