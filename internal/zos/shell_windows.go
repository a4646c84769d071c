package zos

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// shellCommand returns the command that runs line with the Windows
// command interpreter: %ComSpec% /S /C "line" (cmd.exe /? : with /S the
// quotes around the command are removed and the rest is run as it is, so
// quotes inside line reach cmd.exe unchanged). The command line is given
// whole: Go's quoting of arguments (backslashes before quotes) is not
// cmd.exe's.
func shellCommand(line string) *exec.Cmd {
	comspec := os.Getenv("ComSpec")
	if comspec == "" {
		comspec = "cmd.exe"
		if root := os.Getenv("SystemRoot"); root != "" {
			comspec = filepath.Join(root, "System32", "cmd.exe")
		}
	}
	cmd := exec.Command(comspec)
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: syscall.EscapeArg(comspec) + ` /S /C "` + line + `"`}
	return cmd
}

// detach starts a background command in a new process group: the
// console's Ctrl-C (CTRL_C_EVENT) does not reach it.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr.CreationFlags |= syscall.CREATE_NEW_PROCESS_GROUP
}
