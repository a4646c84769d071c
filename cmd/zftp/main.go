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

import (
	"io"
	"os"
	"os/user"
)

func main() {
	os.Exit(runTerminal(os.Args[1:], environment{
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		localUser:   localUser(),
		interactive: isTerminal(os.Stdin) && isTerminal(os.Stdout),
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
}

// localUser returns the name of the user running zftp.
func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return os.Getenv("USERNAME")
}

// isTerminal reports whether f is a terminal (not merely a character
// device such as /dev/null).
func isTerminal(f *os.File) bool { return stdioIsTerminal(f) }
