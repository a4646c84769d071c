package main

import (
	"os"
	"syscall"
)

// enableVirtualTerminalProcessing is the console output mode in which
// Windows (10 and later) reads ANSI escape sequences ("Console Virtual
// Terminal Sequences", Microsoft Learn).
const enableVirtualTerminalProcessing = 0x0004

// consoleANSI reports whether the console f reads ANSI escape sequences,
// turning virtual terminal processing on when it is off. An older
// console, or one that refuses the mode, answers false: the progress
// line is then cleared with blanks.
func consoleANSI(f *os.File) bool {
	h := syscall.Handle(f.Fd())
	var mode uint32
	if err := syscall.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&enableVirtualTerminalProcessing != 0 {
		return true
	}
	set := syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleMode")
	ok, _, _ := set.Call(uintptr(h), uintptr(mode|enableVirtualTerminalProcessing))
	return ok != 0
}
