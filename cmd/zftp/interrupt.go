package main

import (
	"sync"

	"github.com/zftp/zftp/client"
)

// Ctrl-C while a subcommand runs in an interactive session. At the prompt
// the terminal is raw and Ctrl-C is a key the line editor handles
// (repl.go); while a subcommand runs the terminal is cooked and Ctrl-C is
// SIGINT, which the terminal guard (terminal.go) receives and passes to
// interruptSubcommand first:
//
//   - the first Ctrl-C aborts the transfer in progress with
//     Session.Abort (ABOR, the data connection closed, the server's
//     replies read), so the subcommand fails with "transfer aborted", the
//     old local file is kept, and the prompt comes back with the session
//     alive;
//   - a second Ctrl-C during the same subcommand (a server that does not
//     answer the ABOR, a subcommand that is not a transfer) is left to the
//     guard, which restores the terminal and ends zftp with status 130.
//
// Batch runs have no guard: SIGINT ends them at once, as it ends any
// batch program.

// running is the subcommand Ctrl-C applies to.
var running struct {
	mu    sync.Mutex
	sess  *client.Session // the session of the running subcommand; nil at the prompt
	count int             // Ctrl-C seen during it
}

// runInterruptible runs a subcommand so that Ctrl-C can abort it.
func (a *app) runInterruptible(sub *subcommand, c *call) error {
	if !a.env.interactive || a.sess == nil {
		return sub.run(a, c)
	}
	running.mu.Lock()
	running.sess, running.count = a.sess, 0
	running.mu.Unlock()
	defer func() {
		running.mu.Lock()
		running.sess, running.count = nil, 0
		running.mu.Unlock()
	}()
	return sub.run(a, c)
}

// interruptSubcommand handles a Ctrl-C (SIGINT): it reports true when the
// Ctrl-C aborted the running subcommand's transfer, false when zftp should
// end instead (no subcommand running, or the second Ctrl-C).
func interruptSubcommand() bool {
	running.mu.Lock()
	defer running.mu.Unlock()
	if running.sess == nil {
		return false
	}
	running.count++
	if running.count > 1 {
		return false
	}
	go running.sess.Abort() // it writes ABOR; never block the signal handler
	return true
}
