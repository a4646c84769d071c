//go:build unix

package tls

import (
	"os"
	"syscall"
)

// openNoBlock opens path for reading with O_NONBLOCK: opening a FIFO that
// has no writer returns at once (the type check then refuses it). On a
// regular file the flag has no effect.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
