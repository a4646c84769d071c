package zos

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zftp/zftp/transcript"
)

// shell runs "! command" in the local directory with the system's shell
// (sh -c on Unix and macOS, %ComSpec% /C on Windows: shellCommand) and
// prints its output (stdout and stderr) in the transcript. A command
// ending in "&" is started in the background and not waited for, so that
// "! notepad report.txt &" or "! long-job &" does not hold up a batch
// job: zftp says its process ID and goes on; its output is not shown.
func (a *Interpreter) shell(c *call) error {
	if c.rest == "" {
		return a.usage(c)
	}
	if line, ok := backgroundCommand(c.rest); ok {
		return a.startBackground(line)
	}
	run := a.opts.RunCommand
	if run == nil {
		run = func(line string) ([]byte, error) {
			cmd := shellCommand(line)
			cmd.Dir = a.localDir
			return cmd.CombinedOutput()
		}
	}
	out, err := run(c.rest)
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if l = strings.TrimSuffix(l, "\r"); l != "" { // cmd.exe ends its lines with CR LF
			a.out.Raw(l)
		}
	}
	if err != nil {
		return a.localError(ecInternal, "!", err)
	}
	return nil
}

// backgroundCommand reports whether line asks to run in the background
// (it ends in a single "&", not "&&" or an escaped "\&" or "^&") and
// returns it without the "&".
func backgroundCommand(line string) (string, bool) {
	t := strings.TrimRight(line, " \t")
	if !strings.HasSuffix(t, "&") {
		return line, false
	}
	rest := strings.TrimSuffix(t, "&")
	if strings.HasSuffix(rest, "&") || strings.HasSuffix(rest, `\`) || strings.HasSuffix(rest, "^") {
		return line, false
	}
	rest = strings.TrimRight(rest, " \t")
	return rest, rest != ""
}

// errNoBackgroundCommand is the cause of "! &" with no command.
var errNoBackgroundCommand = errors.New("no command before '&'")

// startBackground starts line with the shell in the local directory and
// does not wait for it: its input and output are the null device, and it
// runs in a process group of its own, so that a Ctrl-C typed to zftp does
// not end it.
func (a *Interpreter) startBackground(line string) error {
	if line == "" {
		return a.localError(ecInternal, "!", errNoBackgroundCommand)
	}
	cmd := shellCommand(line)
	cmd.Dir = a.localDir
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return a.localError(ecInternal, "!", err)
	}
	pid := cmd.Process.Pid
	go cmd.Wait() // reaps it whenever it ends
	a.out.Printf(transcript.MsgLocalStatus, fmt.Sprintf("Started in the background, process ID %d: %s", pid, line))
	return nil
}
