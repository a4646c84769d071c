package zos

import (
	"errors"
	"io"
	"sync"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Parallel sessions (PARALLEL n, --parallel n, LOCSITE PARALLEL=n; a zftp
// extension). MGET, MPUT, MDELETE and MIRROR spread their files over up to
// n logged-in sessions: the session of OPEN and n-1 extra ones, opened at
// the first such subcommand with the same settings and security, logged
// in with the user ID and password the first one used (held in memory for
// the session's life, never printed), and brought to its transfer type,
// data protection and remote directory before each subcommand. An extra
// TLS session offers to resume the first one's TLS session.
//
// Each session runs one job at a time (job.go): a file's GET, PUT or
// DELETE, whose lines go to a transcript of their own. The transcript
// stays the serial one's: every file's lines are written in list order;
// the return code is the one the same failures give in serial mode (the
// first failing file in list order decides, the last reply a job returns
// sets the standard return code). A Ctrl-C aborts the transfer of every
// session. A server that refuses an extra session (421, too many
// connections from this address) leaves zftp with the sessions it has,
// after one warning. What the front end asks on its own account (the
// first session's directory, the extra sessions' login and settings) is
// asked unobserved: it reaches no transcript.

// parallelState is the Interpreter's part for parallel sessions.
type parallelState struct {
	cred   credentials     // the first session's login; zeroed at OPEN
	sec    client.Security // the first session's security, for extra sessions
	pool   *sessionPool    // extra sessions, for the session in main
	stderr *syncWriter     // the DEBUG trace, shared by the sessions' jobs
}

// credentials are what the first session logged in with.
type credentials struct {
	set                     bool
	user, password, account string
}

// sessionPool holds the extra sessions opened for the session main.
type sessionPool struct {
	main    *client.Session
	extra   []*worker
	refused bool // the server refused one: no more are asked for
}

// worker is one session that runs files.
type worker struct {
	sess *client.Session
	dir  string // remote directory it is in; "" until it was set
}

// lineBuffer is a transcript.Sink that keeps the lines of one file.
type lineBuffer struct {
	mu    sync.Mutex
	lines []transcript.Line
}

// WriteLine keeps l.
func (b *lineBuffer) WriteLine(l transcript.Line) error {
	b.mu.Lock()
	b.lines = append(b.lines, l)
	b.mu.Unlock()
	return nil
}

// take returns the lines kept so far and forgets them.
func (b *lineBuffer) take() []transcript.Line {
	b.mu.Lock()
	defer b.mu.Unlock()
	l := b.lines
	b.lines = nil
	return l
}

// syncWriter serialises the DEBUG trace of several sessions.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// parallelWindow is how many files past the oldest unfinished one may be
// started: it bounds the lines held for files that finished early.
const parallelWindow = 64

// fileResult is what one file's job left: its lines, its error, the code
// of the last reply it returned, and how the serial loop would go on
// after it.
type fileResult struct {
	i         int
	lines     []transcript.Line
	err       error
	lastReply int
	done      bool // counted among the files done
	stop      bool // aborted by Ctrl-C: the serial loop stops here
	notRun    bool // a stop came first: nothing was done
	broken    bool // the worker's session can no longer be used
}

// stepFunc handles one name of a multi-file subcommand as job j (a
// parallel session's, or the command loop's own).
type stepFunc func(j *job, name string) error

// multiOver runs step for every name: over parallel sessions when PARALLEL
// is above 1 and nothing needs the input (a PROMPT question, RESTART), one
// after the other otherwise.
func (a *Interpreter) multiOver(names []string, step stepFunc) error {
	if a.parallelSessions() > 1 && len(names) > 1 && a.restartAt == 0 &&
		(!a.set.Prompting || a.src.EchoInput()) {
		if ws := a.workers(); len(ws) > 1 {
			return a.runParallel(names, ws, step)
		}
	}
	return a.multi(a.job(), names, step)
}

// parallelSessions returns PARALLEL.
func (a *Interpreter) parallelSessions() int { return a.set.cfg.Parallel }

// workers returns the sessions ready for this subcommand: the command
// loop's own first, then the extra ones, opened (up to PARALLEL) and
// brought to the first session's type, protection, data-connection method
// and directory. Extra sessions that fail are closed and left out.
func (a *Interpreter) workers() []*worker {
	p := a.par.pool
	if p != nil && p.main != a.sess {
		a.closePool()
		p = nil
	}
	if p == nil {
		p = &sessionPool{main: a.sess}
		a.par.pool = p
	}
	want := a.parallelSessions() - 1
	for len(p.extra) > want {
		w := p.extra[len(p.extra)-1]
		p.extra = p.extra[:len(p.extra)-1]
		w.sess.Close()
	}
	if !p.refused && len(p.extra) < want && a.par.cred.set {
		opened, err := a.openWorkers(want - len(p.extra))
		p.extra = append(p.extra, opened...)
		if err != nil {
			p.refused = true
			a.out.Printf(transcript.MsgParallelRefused, rootCause(err), 1+len(p.extra))
		}
	}
	dir := ""
	if len(p.extra) > 0 {
		if d, _, err := a.sess.Pwd(unobserved(a.ctx)); err == nil {
			dir = d
		}
	}
	ws := []*worker{{sess: a.sess}}
	kept := p.extra[:0]
	var dropped error // the first extra session that could not take the first one's settings
	defer func() {
		if dropped != nil {
			a.out.Printf(transcript.MsgParallelRefused, rootCause(dropped), len(ws))
		}
	}()
	for _, w := range p.extra {
		if err := a.syncWorker(w, dir); err != nil {
			w.sess.Close()
			if dropped == nil {
				dropped = err
			}
			continue
		}
		kept = append(kept, w)
		ws = append(ws, w)
	}
	p.extra = kept
	return ws
}

// openWorker opens, secures and logs in one extra session, unobserved.
func (a *Interpreter) openWorker() (*worker, error) {
	cfg := a.set.clientConfig()
	cfg.Security = a.par.sec
	first := a.sess.TLSSession()
	if first != nil {
		cfg.Security.Options.ResumeFrom = first
		if cfg.Security.Mode == client.ExplicitAllowed {
			// The first session has TLS: an extra one whose AUTH is
			// refused must not log in in clear (every connection of a
			// session reaches the first one's protection, or is not used).
			cfg.Security.Mode = client.ExplicitRequired
		}
	}
	ctx := unobserved(a.ctx)
	s, err := client.Dial(ctx, a.host, a.port, cfg)
	if err != nil {
		return nil, err
	}
	if first != nil && s.TLSSession() == nil {
		s.Close()
		return nil, errExtraNotProtected
	}
	c := a.par.cred
	if err := s.Login(ctx, c.user, c.password, c.account); err != nil {
		s.Close()
		return nil, err
	}
	return &worker{sess: s}, nil
}

// errExtraNotProtected refuses an extra session that did not reach TLS
// when the first one has it.
var errExtraNotProtected = errors.New("the extra session is not protected by TLS as the first one is")

// openWorkers opens up to n extra sessions at once (each connects, does
// its TLS handshake and logs in in parallel with the others) and returns
// those that opened, in a stable order, with the first failure.
func (a *Interpreter) openWorkers(n int) ([]*worker, error) {
	type result struct {
		w   *worker
		err error
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			w, err := a.openWorker()
			results[i] = result{w, err}
		})
	}
	wg.Wait()
	var ws []*worker
	var first error
	for _, r := range results {
		if r.err != nil {
			if first == nil {
				first = r.err
			}
			continue
		}
		ws = append(ws, r.w)
	}
	return ws, first
}

// syncWorker brings an extra session to the first one's settings,
// unobserved.
func (a *Interpreter) syncWorker(w *worker, dir string) error {
	s := w.sess
	if err := s.Err(); err != nil {
		return err
	}
	ctx := unobserved(a.ctx)
	cc := a.set.clientConfig()
	s.SetDataMethod(cc.DataMethod)
	s.SetPassiveAddr(cc.PassiveIgnoreAddr, cc.PassiveFollowAddr)
	if t := a.sess.CurrentType(); s.CurrentType() != t {
		if _, err := s.Type(ctx, t); err != nil {
			return err
		}
	}
	if a.sess.DataProtected() != s.DataProtected() {
		lvl := byte('C')
		if a.sess.DataProtected() {
			lvl = 'P'
		}
		if _, err := s.Prot(ctx, lvl); err != nil {
			return err
		}
	}
	if a.set.cfg.VerifySize {
		s.Features(ctx) // asked once per session, here unobserved; a refused FEAT means none
	}
	if dir != "" && dir != w.dir {
		if _, err := s.Cwd(ctx, dir); err != nil {
			return err
		}
		w.dir = dir
	}
	return nil
}

// workerJob returns the job for the files of a parallel subcommand on
// session s: the settings and local state of a, and a transcript of its
// own into the lineBuffer returned, no hooks and no questions.
func (a *Interpreter) workerJob(s *client.Session) (*job, *lineBuffer) {
	var trace io.Writer
	if a.opts.Stderr != nil {
		if a.par.stderr == nil || a.par.stderr.w != a.opts.Stderr {
			a.par.stderr = &syncWriter{w: a.opts.Stderr}
		}
		trace = a.par.stderr
	}
	buf := &lineBuffer{}
	out := transcript.NewSink(buf, transcript.Options{Verbose: a.out.ShowsIDs()})
	obs := &lineObserver{out: out, set: a.set, trace: trace}
	return &job{
		sess:        s,
		ctx:         client.WithObserver(a.ctx, obs),
		obs:         obs,
		out:         out,
		set:         a.set,
		localDir:    a.localDir,
		interactive: !a.src.EchoInput(),
	}, buf
}

// runParallel runs step for every name over the workers and writes each
// file's lines in list order. It returns the first error in list order.
func (a *Interpreter) runParallel(names []string, ws []*worker, step stepFunc) error {
	extra := make([]*client.Session, 0, len(ws)-1)
	for _, w := range ws[1:] {
		extra = append(extra, w.sess)
	}
	a.running.setExtra(extra)
	defer a.running.setExtra(nil)

	jobs := make(chan int)
	results := make(chan fileResult)
	var wg sync.WaitGroup
	for _, w := range ws {
		j, buf := a.workerJob(w.sess)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := a.runOne(j, buf, names[i], step)
				r.i = i
				results <- r
				if r.broken {
					return
				}
			}
		}()
	}
	var first error
	live, next, sent, inflight := len(ws), 0, 0, 0
	pending := map[int]fileResult{}
	var retry []int                 // files whose session broke, to run once more on another
	retried := map[int]fileResult{} // their first attempt
	stopping := false
	for {
		if a.stopRequested() {
			stopping = true
		}
		newOK := sent < len(names) && sent < next+parallelWindow
		canSend := !stopping && live > inflight && (len(retry) > 0 || newOK)
		if !canSend && inflight == 0 {
			break
		}
		var jobCh chan int
		idx := sent
		if canSend {
			jobCh = jobs
			if len(retry) > 0 {
				idx = retry[0]
			}
		}
		select {
		case jobCh <- idx:
			if len(retry) > 0 && idx == retry[0] {
				retry = retry[1:]
			} else {
				sent++
			}
			inflight++
		case r := <-results:
			inflight--
			if r.broken {
				live--
			}
			if _, again := retried[r.i]; !again && r.broken && r.err != nil && live > 0 && !stopping {
				// The session broke (a stall past DATACTTIME, a reset): the
				// file is tried once more on a session that works.
				retried[r.i] = r
				retry = append(retry, r.i)
				continue
			}
			pending[r.i] = r
			for {
				p, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				if f, ok := retried[next]; ok {
					for _, l := range f.lines {
						a.out.WriteLine(l)
					}
					a.out.Printf(transcript.MsgRetryOther, names[next], rootCause(f.err))
				}
				next++
				if p.notRun {
					continue
				}
				for _, l := range p.lines {
					a.out.WriteLine(l)
				}
				if p.lastReply != 0 {
					a.obs.last = p.lastReply
				}
				if p.done {
					a.running.addDone()
				}
				if p.err != nil && first == nil {
					first = p.err
				}
				if p.stop {
					stopping = true
				}
			}
		}
	}
	close(jobs)
	wg.Wait()
	a.dropBroken()
	return first
}

// runOne runs step for one name as job j, whose lines buf collects, as
// one turn of the serial loop (multi) does.
func (a *Interpreter) runOne(j *job, buf *lineBuffer, name string, step stepFunc) fileResult {
	if a.stopRequested() || j.sess.Err() != nil {
		return fileResult{notRun: true, broken: j.sess.Err() != nil}
	}
	reply, err := j.do(name, step)
	r := fileResult{lastReply: reply}
	switch {
	case err == nil:
		r.done = true
	case errors.Is(err, errDeclined):
	default:
		r.err = err
		if errors.Is(err, client.ErrAborted) && a.stopRequested() {
			r.stop = true
		} else if !errors.Is(err, errSkipped) {
			j.reportFailure(err)
		}
	}
	r.lines = buf.take()
	r.broken = j.sess.Err() != nil
	return r
}

// dropBroken closes the extra sessions that can no longer be used.
func (a *Interpreter) dropBroken() {
	p := a.par.pool
	if p == nil {
		return
	}
	kept := p.extra[:0]
	for _, w := range p.extra {
		if w.sess.Err() != nil {
			w.sess.Close()
			continue
		}
		kept = append(kept, w)
	}
	p.extra = kept
	if a.sess.Err() != nil && len(p.extra) > 0 {
		// The command loop's own session broke during the subcommand:
		// a working extra session, logged in as the same user and brought
		// to the same settings and directory, carries on as the session.
		w := p.extra[0]
		p.extra = p.extra[1:]
		a.sess.Close()
		a.sess, p.main = w.sess, w.sess
	}
}

// closePool ends the extra sessions (QUIT) and forgets them.
func (a *Interpreter) closePool() {
	p := a.par.pool
	a.par.pool = nil
	if p == nil {
		return
	}
	for _, w := range p.extra {
		if w.sess.Err() == nil {
			w.sess.Quit(unobserved(a.ctx))
		}
		w.sess.Close()
	}
}

// forgetLogin closes the extra sessions and drops the credentials: a new
// OPEN, or the end of the session.
func (a *Interpreter) forgetLogin() {
	a.closePool()
	a.par.cred = credentials{}
}

// rememberLogin keeps what the first session logged in with, for the
// extra sessions of PARALLEL.
func (a *Interpreter) rememberLogin(user, password, account string) {
	a.par.cred = credentials{set: true, user: user, password: password, account: account}
}
