// Command zftp is an FTP client that behaves like the IBM z/OS
// Communications Server FTP client: the same subcommands and abbreviations,
// the same EZAnnnnI transcript, the same return codes.
//
//	zftp [options] [host [port]]
//
// With stdin not a terminal, zftp reads subcommands from it as a z/OS batch
// job reads its INPUT data set: the user ID and password come from the next
// input lines when the server asks for them, each subcommand is echoed after
// the Command: prompt, and the end of input ends the session as QUIT does.
//
// Run zftp --help for the options.
package main

//go:generate go test -run TestManPage -update

import (
	"io"
	"os"
	"os/user"
	"time"

	"github.com/zftp/zftp/internal/config"
)

func main() {
	os.Exit(runTerminal(os.Args[1:], environment{
		stdin:        os.Stdin,
		stdout:       os.Stdout,
		stderr:       os.Stderr,
		localUser:    localUser(),
		interactive:  isTerminal(os.Stdin) && isTerminal(os.Stdout),
		exitOnSignal: true,
	}))
}

// environment is what the front end takes from the process, so that tests
// can run it in-process.
type environment struct {
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
	localUser   string // shown in the NAME (host:user): prompt
	interactive bool   // stdin and stdout are terminals
	// exitOnSignal: a batch run watches SIGINT, SIGTERM and SIGHUP to
	// write its buffered transcript before it ends (batchout.go); tests
	// running zftp in-process leave it off.
	exitOnSignal bool
	// batchFlushDelay overrides how long batch output may wait in its
	// buffer (0: batchFlushDelay).
	batchFlushDelay time.Duration

	// The rest is left zero by main, which means the process's own:
	// tests fill it in to keep the user's files out of the way.
	ftpData    *config.Finder                    // FTP.DATA lookup
	netrcPath  func() (string, error)            // default netrc file
	configDir  func() (string, error)            // zftp's config dir (keyrings)
	getenv     func(string) string               // environment (keyring passwords)
	runCommand func(line string) ([]byte, error) // the ! subcommand
	workDir    string                            // first local directory; "" = os.Getwd
	statements []string                          // "NAME VALUE" FTP.DATA statements coded over the settings (tests)

	term *terminal // the line editor and terminal sink of an interactive run (runTerminal); nil in batch
}

// finder returns the FTP.DATA lookup to use.
func (e environment) finder() config.Finder {
	if e.ftpData != nil {
		return *e.ftpData
	}
	return config.Finder{}
}

// env returns the environment lookup to use.
func (e environment) env() func(string) string {
	if e.getenv != nil {
		return e.getenv
	}
	return os.Getenv
}

// localUser returns the name of the user running zftp, for the NAME
// (host:user) prompt: $USER first (as z/OS UNIX ftp and classic clients
// take it), then the OS account name without a Windows domain
// (accountName), then $USERNAME (Windows).
func localUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && accountName(u.Username) != "" {
		return accountName(u.Username)
	}
	return os.Getenv("USERNAME")
}

// isTerminal reports whether f is a terminal (not merely a character
// device such as /dev/null).
func isTerminal(f *os.File) bool { return stdioIsTerminal(f) }
