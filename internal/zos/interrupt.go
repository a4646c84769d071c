package zos

import (
	"sync"

	"github.com/zftp/zftp/client"
)

// Ctrl-C while a subcommand runs in an interactive session: the terminal
// calls Interrupt from its signal handler.
//
//   - the first Ctrl-C aborts the transfer in progress with
//     Session.Abort (ABOR, the data connection closed, the server's
//     replies read), so the subcommand fails with "transfer aborted", the
//     old local file is kept, and the prompt comes back with the session
//     alive;
//   - a second Ctrl-C during the same subcommand (a server that does not
//     answer the ABOR, a subcommand that is not a transfer) is left to the
//     caller, which ends the program.

// interrupter is the subcommand Ctrl-C applies to.
type interrupter struct {
	mu    sync.Mutex
	sess  *client.Session // the session of the running subcommand; nil at the prompt
	count int             // Ctrl-C seen during it
}

// runInterruptible runs a subcommand so that Interrupt can abort it.
func (a *Interpreter) runInterruptible(sub *subcommand, c *call) error {
	if a.sess == nil {
		return sub.run(a, c)
	}
	a.running.set(a.sess)
	defer a.running.set(nil)
	return sub.run(a, c)
}

func (r *interrupter) set(s *client.Session) {
	r.mu.Lock()
	r.sess, r.count = s, 0
	r.mu.Unlock()
}

// Interrupt handles a Ctrl-C (SIGINT) from another goroutine: it reports
// true when it aborted the running subcommand's transfer, false when the
// program should end instead (no subcommand running, or the second
// Ctrl-C).
func (a *Interpreter) Interrupt() bool {
	r := &a.running
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return false
	}
	r.count++
	if r.count > 1 {
		return false
	}
	go r.sess.Abort() // it writes ABOR; never block the signal handler
	return true
}
