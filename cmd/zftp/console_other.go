//go:build !windows

package main

import "os"

// consoleANSI reports whether the terminal f reads ANSI escape sequences:
// every terminal zftp meets on Unix and macOS does.
func consoleANSI(f *os.File) bool { return true }
