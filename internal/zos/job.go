package zos

import (
	"context"
	"io"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Transfers as jobs. A job is what one file's GET, PUT (STOR or APPE) or
// DELETE needs and nothing of the command loop: a session, the transcript
// its lines go to, the settings, the local directory, and a context whose
// per-call observer (client.WithObserver) turns the session's events into
// those lines. The command loop runs a job on its own session into the
// transcript (Interpreter.job); MGET, MPUT, MDELETE and MIRROR with
// PARALLEL run one job per session, each with lines of its own that are
// written in list order (parallel.go).
//
// No session has a Config.Observer: every call the front end makes for a
// subcommand carries the observer of the transcript it belongs to in its
// context, and the calls it makes on its own account (SIZE for the
// progress line, Tab completion's listing, bringing a parallel session to
// the first one's settings) carry none (unobserved), so they never reach a
// transcript, a trace or a return code.

// lineObserver turns the events of the calls whose context carries it into
// transcript lines: it writes the DEBUG trace, passes events to the
// terminal's hooks, keeps the last reply code (for the return code), and
// hands the rest to its transcript.Writer.
type lineObserver struct {
	out   *transcript.Writer
	set   *Settings
	trace io.Writer // the DEBUG trace's stream; nil: none
	hooks Hooks     // a terminal's; zero for a parallel job
	last  int       // code of the last reply seen; 0: none

	unsized   string // the last RETR started with no size known (noteUnsized)
	sizeNoted bool   // ZFT0177I was said
	// noteEach, for a parallel job, says ZFT0177I for every such file:
	// runParallel writes the first in list order and drops the others.
	noteEach bool
}

// Observe handles one event.
func (o *lineObserver) Observe(e client.Event) {
	if ts, ok := e.(client.TransferStarted); ok && ts.Command == "RETR" {
		o.unsized = ""
		if ts.Size < 0 {
			o.unsized = ts.Name
		}
	}
	if ts, ok := e.(client.TransferStarted); ok && ts.Size >= 0 && o.hooks.ExpectSize != nil {
		o.hooks.ExpectSize(ts.Size) // a size the engine asked SIZE for
	}
	if o.hooks.Event != nil {
		if _, ok := e.(client.TransferStarted); !ok || !o.set.Tracing() {
			o.hooks.Event(e)
		}
	}
	if r, ok := e.(client.ReplyReceived); ok && r.Reply != nil {
		o.last = r.Reply.Code
	}
	if o.set.Tracing() && o.trace != nil {
		writeTrace(o.trace, o.set.cfg.Debug, e)
	}
	if _, ok := e.(client.TLSHandshake); ok {
		// "Using TLSv1.3 with ..." (ZFT0114I) is no z/OS client message,
		// and under TLS 1.3 a handshake that succeeds can still end in
		// the server's refusal of the client certificate: the protocol
		// and cipher are the SEC trace's (DEBUG SEC), not the transcript's.
		return
	}
	o.out.Observe(e)
}

// unobserved returns ctx without a per-call observer: the calls the front
// end makes on its own account.
func unobserved(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return client.WithObserver(ctx, nil)
}

// job runs one file's GET, PUT or DELETE (transfer.go, verify.go) on one
// session.
type job struct {
	sess     *client.Session
	ctx      context.Context // carries obs
	obs      *lineObserver
	out      *transcript.Writer // obs's
	set      *Settings
	localDir string // LCD
	hooks    Hooks  // the progress line's; zero for a parallel job

	// restart is the RESTART offset the next transfer takes and clears
	// (the command loop's); nil for a parallel job, which never has one.
	restart *int64
	// interactive: a terminal's session, where Ctrl-C interrupts a GET
	// and its data is kept for REGET.
	interactive bool
	// confirm asks before each file of MGET, MPUT and MDELETE (PROMPT);
	// nil asks nothing.
	confirm func(verb, name string) bool
}

// job returns the job that runs a transfer of the running subcommand on
// the command loop's session, into the transcript.
func (a *Interpreter) job() *job {
	return &job{
		sess:        a.sess,
		ctx:         a.ctx,
		obs:         a.obs,
		out:         a.out,
		set:         a.set,
		localDir:    a.localDir,
		hooks:       a.hooks,
		restart:     &a.restartAt,
		interactive: !a.src.EchoInput(),
		confirm:     a.confirm,
	}
}

// do runs step for one name and returns the code of the last reply the
// job's calls received (0: none) with step's error.
func (j *job) do(name string, step stepFunc) (int, error) {
	j.obs.last = 0
	err := step(j, name)
	return j.obs.last, err
}

// asks reports whether the file may be handled: yes, unless PROMPT asks
// and the answer is no.
func (j *job) asks(verb, name string) bool {
	return j.confirm == nil || j.confirm(verb, name)
}

// takeRestart returns the offset set by RESTART and clears it: it applies
// to the next transfer only.
func (j *job) takeRestart() int64 {
	if j.restart == nil {
		return 0
	}
	off := *j.restart
	*j.restart = 0
	return off
}

// expect passes the size of the next transfer to the ExpectSize hook.
func (j *job) expect(n int64) {
	if j.hooks.ExpectSize != nil {
		j.hooks.ExpectSize(n)
	}
}

// expectRemote asks the server for the size of a file about to be
// fetched (SIZE), only when the ExpectSize hook wants it and no trace
// runs. The command and its reply are kept out of the transcript.
func (j *job) expectRemote(name string, offset int64) {
	if j.hooks.ExpectSize == nil || j.set.Tracing() {
		return
	}
	n := int64(-1)
	if size, _, err := j.sess.Size(unobserved(j.ctx), name); err == nil && size >= offset {
		n = size - offset
	}
	j.hooks.ExpectSize(n)
}

// delete deletes one remote file (DELE).
func (j *job) delete(name string) error {
	_, err := j.sess.Delete(j.ctx, name)
	return err
}
