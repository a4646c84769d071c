package main

import (
	"errors"
	"io"
	"os"
	"syscall"

	"github.com/zftp/zftp/internal/zos"
)

// SIGPIPE in a batch run. The kernel raises SIGPIPE for every write to a
// pipe or socket whose other end is gone: the transcript's stdout when the
// reader of `zftp < job | head` has exited, but also a data connection
// the server closed or reset in the middle of an upload (a 552 or 451
// part-way, a dropped control connection). Go kills a process for SIGPIPE
// only on a write to fd 1 or 2, and only when nothing watches the signal;
// once a batch run watches it (to remove a download's temporary file
// first), every SIGPIPE reaches the handler, the socket's included. So
// the handler does not end the run on SIGPIPE: the write that raised it
// fails with EPIPE instead, and only a write to the transcript (stdout,
// stderr) that fails so ends the run, as the signal would have, with
// 128 + SIGPIPE after the temporary files are removed. A socket's EPIPE
// is the transfer's error: the reply is shown and the job goes on by the
// return-code rules.

// brokenPipeStatus is the exit status of a run whose output is gone: what
// a shell reports for a process ended by SIGPIPE.
var brokenPipeStatus = signalStatus(syscall.SIGPIPE)

// isBrokenPipe reports whether err is a write to a pipe whose reader is
// gone.
func isBrokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }

// endOnBrokenPipe ends the process when err says the transcript can no
// longer be written: the download in progress is removed first, as on a
// signal.
func endOnBrokenPipe(err error) {
	if isBrokenPipe(err) {
		zos.RemoveTempFiles()
		os.Exit(brokenPipeStatus)
	}
}

// pipeGuard is a writer (stderr) that ends the process as endOnBrokenPipe
// says when a write fails because its reader is gone.
type pipeGuard struct{ w io.Writer }

func (g pipeGuard) Write(p []byte) (int, error) {
	n, err := g.w.Write(p)
	endOnBrokenPipe(err)
	return n, err
}
