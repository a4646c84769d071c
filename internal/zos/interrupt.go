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
//   - the first Ctrl-C also stops MGET, MPUT and MDELETE before their
//     next file (stopRequested), whether a transfer was running or not;
//     they report how many files were done;
//   - a second Ctrl-C during the same subcommand (a server that does not
//     answer the ABOR, a subcommand that is not a transfer) is left to the
//     caller, which ends the program.

// interrupter is the subcommand Ctrl-C applies to.
type interrupter struct {
	mu    sync.Mutex
	sess  *client.Session   // the session of the running subcommand; nil at the prompt
	extra []*client.Session // PARALLEL: the other sessions the subcommand runs on
	count int               // Ctrl-C seen during it
	stop  bool              // a Ctrl-C asked the running subcommand to stop
	all   bool              // "a" answered: MGET/MPUT/MDELETE ask no more; command loop only
	done  int               // files MGET/MPUT/MDELETE have done; command loop only
}

// addDone counts a file done by MGET, MPUT or MDELETE.
func (r *interrupter) addDone() { r.done++ }

// doneCount returns the files done by the running subcommand.
func (r *interrupter) doneCount() int { return r.done }

// runInterruptible runs a subcommand so that Interrupt can abort it.
func (a *Interpreter) runInterruptible(sub *subcommand, c *call) error {
	if a.sess == nil {
		return sub.run(a, c)
	}
	a.running.set(a.sess)
	defer a.running.set(nil)
	return sub.run(a, c)
}

// setExtra names the extra sessions of a parallel MGET, MPUT or MIRROR,
// which a Ctrl-C aborts too; nil when they are done.
func (r *interrupter) setExtra(ss []*client.Session) {
	r.mu.Lock()
	r.extra = ss
	r.mu.Unlock()
}

func (r *interrupter) set(s *client.Session) {
	r.mu.Lock()
	r.sess, r.count, r.stop, r.all, r.done = s, 0, false, false, 0
	r.mu.Unlock()
}

// stopRequested reports whether a Ctrl-C asked the running subcommand to
// stop (MGET, MPUT and MDELETE check it before each file).
func (a *Interpreter) stopRequested() bool {
	r := &a.running
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stop
}

// requestStop stops the running multi-file subcommand before its next
// file, as a Ctrl-C does.
func (a *Interpreter) requestStop() {
	r := &a.running
	r.mu.Lock()
	r.stop = true
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
	r.stop = true
	go r.sess.Abort() // it writes ABOR; never block the signal handler
	for _, s := range r.extra {
		go s.Abort()
	}
	return true
}
