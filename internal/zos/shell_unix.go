//go:build unix

package zos

import (
	"os/exec"
	"syscall"
)

// shellCommand returns the command that runs line with the shell: sh -c.
func shellCommand(line string) *exec.Cmd { return exec.Command("sh", "-c", line) }

// detach puts a background command in a process group of its own: the
// terminal's Ctrl-C (SIGINT to the foreground group) does not reach it.
func detach(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }
