//go:build !windows

package client

// localEOL: Unix and macOS text files end their lines with LF.
const localEOL = eolLF
