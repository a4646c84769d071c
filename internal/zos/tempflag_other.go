//go:build !linux

package zos

// tempOpenFlag is added to the flags a temporary file is created with:
// nothing off Linux (tempflag_linux.go).
const tempOpenFlag = 0
