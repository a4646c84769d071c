package main

import (
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"
)

// SIGQUIT (Ctrl-\ at a terminal, kill -QUIT) keeps its Go meaning in zftp:
// a goroutine dump on stderr and status 2. zftp watches it only to remove
// the temporary file of a download in progress (and, at a terminal, to
// restore the terminal) first, then raises it again with Go's own handling.

// terminalSignals are the signals the terminal guard watches: those that
// end the process, and SIGQUIT.
var terminalSignals = append(slices.Clip(exitSignals), syscall.SIGQUIT)

// raiseQuit ends the process by SIGQUIT with Go's handling (the dump); it
// returns only if the signal did not end the process within
// signalFlushWait.
func raiseQuit() {
	signal.Reset(syscall.SIGQUIT)
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Signal(syscall.SIGQUIT)
	}
	time.Sleep(signalFlushWait)
}
