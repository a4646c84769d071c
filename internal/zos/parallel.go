package zos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Parallel sessions (PARALLEL n, --parallel n, LOCSITE PARALLEL=n; a zftp
// extension). MGET, MPUT, MDELETE and MIRROR spread their files over up to
// n logged-in sessions: the session of OPEN and n-1 extra ones, opened
// with the same settings and security (in a batch job as soon as the
// first session has logged in, at a terminal at the first such
// subcommand), logged in with the user ID and password the first one used
// (held in memory for the session's life, never printed), and brought to
// its transfer type, data protection, remote directory and SITE
// parameters before each subcommand (serverstate.go); one the server has
// ended meanwhile is opened again. An extra TLS session offers to resume
// the first one's TLS session.
//
// Each session runs one job at a time (job.go): a file's GET, PUT or
// DELETE, whose lines go to a transcript of their own. The transcript
// stays the serial one's: every file's lines are written in list order;
// the return code is the one the same failures give in serial mode (the
// first failing file in list order decides, the last reply a job returns
// sets the standard return code). A Ctrl-C aborts the transfer of every
// session. A server that refuses an extra session (421, too many
// connections from this address) leaves zftp with the sessions it has,
// after one warning; so does a first session whose directory PWD does
// not give (an extra session would work in another directory). Names
// that reach one file go one after the other (samename.go). What the
// front end asks on its own account (the first session's directory, the
// extra sessions' login and settings) is asked unobserved: it reaches no
// transcript.

// parallelState is the Interpreter's part for parallel sessions.
type parallelState struct {
	cred   credentials     // the first session's login; zeroed at OPEN
	sec    client.Security // the first session's security, for extra sessions
	pool   *sessionPool    // extra sessions, for the session in main
	stderr *syncWriter     // the DEBUG trace, shared by the sessions' jobs
	early  *parallelStart  // extra sessions started before a listing (startEarly)
	state  serverState     // what the extra sessions repeat of the first one's (serverstate.go)
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
	// gate, while the extra sessions dialled at OPEN (dialAhead) wait for
	// the first session's login, is what lets them log in; nil otherwise.
	gate *loginGate
}

// loginGate holds extra sessions dialled ahead until the first session
// has logged in: then they log in with its credentials; if it does not,
// they are closed without a word to the server beyond their greeting.
type loginGate struct {
	done chan struct{}
	cred *credentials // set before done is closed; nil: no login to use
}

// open lets the waiting sessions go on, logging in with c (nil: closing).
func (g *loginGate) open(c *credentials) {
	g.cred = c
	close(g.done)
}

// errNoLogin ends an extra session dialled ahead whose first session did
// not log in.
var errNoLogin = errors.New("the first session did not log in")

// worker is one session that runs files.
type worker struct {
	sess *client.Session
	dir  string // remote directory it is in; "" until it was set
	// sites is how many of the first session's SITE commands it has sent.
	sites int
	// opened, for a session opened ahead (startAhead), is closed once it
	// has logged in (sess set) or failed (openErr set); nil otherwise.
	opened  chan struct{}
	openErr error
}

// ready waits for a session opened ahead to be logged in, and returns
// why it could not be.
func (w *worker) ready() error {
	if w.opened != nil {
		<-w.opened
	}
	return w.openErr
}

// close ends the worker's session, once it is open.
func (w *worker) close() {
	if w.ready() == nil {
		w.sess.Close()
	}
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
// after the other otherwise. target returns the file a name is copied to
// or deletes (local for MGET, remote for MPUT), for samename.go.
func (a *Interpreter) multiOver(names []string, target func(name string) string, step stepFunc) error {
	if len(names) > 1 && a.parallelAllowed() {
		h := a.par.early
		a.par.early = nil
		if h == nil {
			if pl := a.planWorkers(); pl.extras() > 0 {
				h = a.startParallel(pl)
			}
		}
		if h != nil {
			return a.runParallel(h, names, targetKeys(names, target), step)
		}
	}
	return a.multi(a.job(), names, step)
}

// parallelAllowed reports whether a multi-file subcommand may use parallel
// sessions: PARALLEL above 1 and nothing that needs the input (a PROMPT
// question, RESTART).
func (a *Interpreter) parallelAllowed() bool {
	return a.parallelSessions() > 1 && a.restartAt == 0 && (!a.set.Prompting || a.src.EchoInput())
}

// parallelSessions returns PARALLEL.
func (a *Interpreter) parallelSessions() int { return a.set.cfg.Parallel }

// workerPlan is what a parallel subcommand starts from: the extra sessions
// already open (to be brought to the first one's settings) and how many
// more to open.
type workerPlan struct {
	pool   *sessionPool
	kept   []*worker // open extra sessions, in the pool's order
	toOpen int       // extra sessions to open
}

// extras is the number of extra sessions the plan may bring.
func (pl workerPlan) extras() int { return len(pl.kept) + pl.toOpen }

// planWorkers settles the pool of extra sessions for this subcommand:
// sessions past PARALLEL are closed, and the plan says which open ones to
// use and how many to open (none after a refusal, none without the first
// session's login).
func (a *Interpreter) planWorkers() workerPlan {
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
		w.close()
	}
	pl := workerPlan{pool: p, kept: p.extra}
	p.extra = nil
	if !p.refused && len(pl.kept) < want && a.par.cred.set {
		pl.toOpen = want - len(pl.kept)
	}
	return pl
}

// extraOutcome is how one extra session of a parallel subcommand came to
// be ready, or not.
type extraOutcome struct {
	slot    int     // its place: the pool's open sessions first, then those opened
	w       *worker // nil when it failed
	openErr error   // it could not be opened or logged in
	syncErr error   // it could not take the first session's settings
}

// startExtra readies the extra session of slot and reports the outcome on
// out: an open one (w) is brought to the first session's settings once
// target is known; when w is nil, or w's session was closed meanwhile (a
// server's idle timeout), it dials a new one and, once target is known,
// logs it in and brings it to the first session's settings in one
// exchange. A session that is ready then takes files from jobs until jobs
// is closed or the session breaks, sending each file's result on results.
func (a *Interpreter) startExtra(slot int, w *worker, target *syncTarget, known <-chan struct{},
	out chan<- extraOutcome, run func(*worker)) {
	o := extraOutcome{slot: slot}
	if w != nil {
		w = a.readyKept(&o, w, target, known)
	}
	if w == nil && o.openErr == nil && o.syncErr == nil {
		var err error
		var unshared *unsharedError
		if w, err = a.openExtra(target, known); errors.As(err, &unshared) {
			o.syncErr = err
		} else {
			o.openErr = err
		}
	}
	if w == nil {
		out <- o
		return
	}
	o.w = w
	out <- o
	run(w)
}

// readyKept brings the pool's session w to target once it is known, or
// says in o why it could not. It returns nil with o unchanged when w's
// session turned out closed (the server ended it while it waited in the
// pool): a new one is to be opened.
func (a *Interpreter) readyKept(o *extraOutcome, w *worker, target *syncTarget, known <-chan struct{}) *worker {
	if err := w.ready(); err != nil {
		o.openErr = err
		return nil
	}
	<-known
	err := a.syncWorker(w, *target)
	if err == nil {
		return w
	}
	closed := w.sess.Err() != nil || closingReply(err)
	w.sess.Close()
	if !closed {
		o.syncErr = err
	}
	return nil
}

// closingReply reports whether err is a 421 reply: the server is closing
// the control connection (RFC 959), as it does after an idle timeout.
func closingReply(err error) bool {
	var re *client.ReplyError
	return errors.As(err, &re) && re.Reply != nil && re.Reply.Code == 421
}

// openExtra dials a new extra session and, once target is known, logs it
// in and brings it to target.
func (a *Interpreter) openExtra(target *syncTarget, known <-chan struct{}) (*worker, error) {
	cfg, first := a.extraConfig()
	s, err := dialExtra(unobserved(a.ctx), a.host, a.port, cfg, first)
	if err != nil {
		return nil, err
	}
	<-known
	if err := target.where(); err != nil {
		s.Close() // never logged in: it could not work where the first session does
		return nil, err
	}
	if err := a.loginWorker(s, *target); err != nil {
		return nil, err
	}
	return &worker{sess: s, dir: target.dir, sites: len(target.site)}, nil
}

// extraConfig returns the configuration of an extra session: the first
// session's settings and security, offering to resume its TLS session,
// and whether the first session has TLS.
func (a *Interpreter) extraConfig() (client.Config, bool) {
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
	return cfg, first != nil
}

// dialExtra opens and secures one extra session with cfg; one that must
// have TLS (the first session has it) and has not is closed.
func dialExtra(ctx context.Context, host string, port int, cfg client.Config, mustTLS bool) (*client.Session, error) {
	s, err := client.Dial(ctx, host, port, cfg)
	if err != nil {
		return nil, err
	}
	if mustTLS && s.TLSSession() == nil {
		s.Close()
		return nil, errExtraNotProtected
	}
	return s, nil
}

// Opening ahead. A batch job's subcommands follow one another at once, so
// in a batch job with PARALLEL above 1 the extra sessions are opened
// ahead, in goroutines of their own, while the job runs on: OPEN dials
// them (connection, greeting, TLS) while the first session logs in
// (dialAhead), and the first session's login lets them log in with its
// credentials (settleAhead); no USER or PASS leaves on them before the first
// session's login has succeeded. The first parallel subcommand takes them
// from the pool and brings them to the first session's settings. Nothing
// is written for them on the way: a session that could not be opened is
// reported by that subcommand, as one opened there would be. The
// goroutines read only what is taken before they start.

// aheadPlan returns the extra sessions to open ahead, if any: the pool's
// open ones stay in it, for the subcommand to take.
func (a *Interpreter) aheadPlan() (workerPlan, bool) {
	if !a.src.EchoInput() || !a.parallelAllowed() || a.sess == nil || a.sess.Err() != nil {
		return workerPlan{}, false
	}
	pl := a.planWorkers()
	pl.pool.extra = pl.kept
	pl.toOpen = a.parallelSessions() - 1 - len(pl.kept) // also before the login
	return pl, !pl.pool.refused && pl.toOpen > 0
}

// dialAhead dials the extra sessions of the session just opened, to wait
// at a gate for its login (settleAhead opens the gate).
func (a *Interpreter) dialAhead() {
	pl, ok := a.aheadPlan()
	if !ok {
		return
	}
	g := &loginGate{done: make(chan struct{})}
	pl.pool.gate = g
	a.startAhead(pl, func() (credentials, error) {
		<-g.done
		if g.cred == nil {
			return credentials{}, errNoLogin
		}
		return *g.cred, nil
	})
}

// settleAhead, after OPEN's login, lets the extra sessions dialled ahead
// log in with the first session's login, or ends them (they end on their
// own) when there is none.
func (a *Interpreter) settleAhead() {
	p := a.par.pool
	if p == nil || p.gate == nil {
		return
	}
	if c := a.par.cred; c.set {
		p.gate.open(&c)
		p.gate = nil
		return
	}
	a.quitPool()
}

// openAhead, after a login other than OPEN's (USER), opens the extra
// sessions now. Those dialled at OPEN wait for settleAhead.
func (a *Interpreter) openAhead() {
	if p := a.par.pool; p != nil && p.gate != nil {
		return
	}
	if pl, ok := a.aheadPlan(); ok {
		c := a.par.cred
		a.startAhead(pl, func() (credentials, error) { return c, nil })
	}
}

// startAhead starts pl's sessions to open: each dials, takes the login
// from cred (which may wait for it) and logs in.
func (a *Interpreter) startAhead(pl workerPlan, cred func() (credentials, error)) {
	cfg, first := a.extraConfig()
	ctx, host, port := unobserved(a.ctx), a.host, a.port
	for range pl.toOpen {
		w := &worker{opened: make(chan struct{})}
		go func() {
			defer close(w.opened)
			s, err := dialExtra(ctx, host, port, cfg, first)
			if err != nil {
				w.openErr = err
				return
			}
			c, err := cred()
			if err == nil {
				err = s.LoginAndApply(ctx, c.user, c.password, c.account, client.Settings{})
			}
			if err != nil {
				s.Close()
			}
			w.sess, w.openErr = s, err
		}()
		pl.pool.extra = append(pl.pool.extra, w)
	}
}

// loginWorker logs the extra session s in with the first session's login
// and brings it to t in the same exchange (after the server's 230, the
// settings go out together: one round trip), unobserved.
func (a *Interpreter) loginWorker(s *client.Session, t syncTarget) error {
	c := a.par.cred
	err := s.LoginAndApply(unobserved(a.ctx), c.user, c.password, c.account, a.settingsFor(s, t))
	if err != nil {
		s.Close()
	}
	return err
}

// sharePassive tells the extra session s the passive command that works
// on the first session, once the first knows it and s does not: s's next
// transfer then sends it together with its transfer command, a round trip
// fewer. Nothing is sent for it (client.Settings.Passive). It runs before
// each file a session takes (run), the one place an extra session learns
// it: the first session most likely makes its first data connection while
// the extra ones log in and sync.
func (a *Interpreter) sharePassive(s *client.Session) error {
	if s == a.sess || s.PassiveCommand() != "" {
		return nil
	}
	if p := a.sess.PassiveCommand(); p != "" {
		return s.Apply(unobserved(a.ctx), client.Settings{Passive: p})
	}
	return nil
}

// errExtraNotProtected refuses an extra session that did not reach TLS
// when the first one has it.
var errExtraNotProtected = errors.New("the extra session is not protected by TLS as the first one is")

// syncTarget is what an extra session is brought to: the first session's
// settings, taken before the first session starts on the files (it may
// change them while the extra sessions are still being opened).
type syncTarget struct {
	dir     string // remote directory; "" when PWD did not tell
	dirErr  error  // why PWD did not tell
	typ     client.TransferType
	prot    bool     // PROT P
	site    []string // the SITE commands to repeat (serverState)
	unknown string   // why the server's state cannot be shared, "" when it can
}

// where returns nil when an extra session can be brought to where the
// first one is, and an *unsharedError when it cannot: the first session's
// directory is not known (an extra session, which logs in at the user's
// home directory, would read, write or delete the names of the list in
// another one), or a QUOTE changed the first session's state in a way
// that cannot be repeated (serverstate.go).
func (t syncTarget) where() error {
	switch {
	case t.unknown != "":
		return &unsharedError{id: transcript.MsgParallelNoState, cause: t.unknown}
	case t.dir == "":
		return &unsharedError{id: transcript.MsgParallelNoDir, cause: t.dirErr.Error()}
	}
	return nil
}

// unsharedError refuses extra sessions that could not work as the first
// one does; id is the warning that says so.
type unsharedError struct {
	id    transcript.ID
	cause string
}

func (e *unsharedError) Error() string {
	return "the extra sessions cannot share the first session's state: " + e.cause
}

// syncTargetNow takes the first session's settings for the extra ones,
// asking PWD unobserved.
func (a *Interpreter) syncTargetNow() syncTarget {
	t := syncTarget{typ: a.sess.CurrentType(), prot: a.sess.DataProtected(),
		site: slices.Clone(a.par.state.site), unknown: a.par.state.unknown}
	d, _, err := a.sess.Pwd(unobserved(a.ctx))
	switch {
	case err != nil:
		t.dirErr = err
	case d == "":
		t.dirErr = errors.New("no directory in the reply")
	default:
		t.dir = d
	}
	return t
}

// syncWorker brings an open extra session to the first one's settings t
// in one exchange, unobserved.
func (a *Interpreter) syncWorker(w *worker, t syncTarget) error {
	s := w.sess
	if err := s.Err(); err != nil {
		return err
	}
	if err := t.where(); err != nil {
		return err
	}
	if w.sites > len(t.site) {
		return errors.New("the extra session has SITE parameters the first one has not")
	}
	st := a.settingsFor(s, t)
	st.Alive = true // it may have waited in the pool longer than the server keeps a session
	st.Site = t.site[w.sites:]
	if t.dir == w.dir {
		st.Dir = ""
	}
	if err := s.Apply(unobserved(a.ctx), st); err != nil {
		return err
	}
	w.dir, w.sites = t.dir, len(t.site)
	return nil
}

// settingsFor gives the extra session s the data method and passive
// address rules of the settings, and returns what it is to be brought to:
// the first session's type, data protection and directory, and FEAT asked
// where VERIFYSIZE needs it (a refused FEAT means none). The passive
// command that works with the first session is given before each file
// (sharePassive).
func (a *Interpreter) settingsFor(s *client.Session, t syncTarget) client.Settings {
	cc := a.set.clientConfig()
	s.SetDataMethod(cc.DataMethod)
	s.SetPassiveAddr(cc.PassiveIgnoreAddr, cc.PassiveFollowAddr)
	st := client.Settings{Type: t.typ, Protection: 'C', Features: a.set.cfg.VerifySize, Dir: t.dir,
		Site: t.site}
	if t.prot {
		st.Protection = 'P'
	}
	return st
}

// traceWriter returns the DEBUG trace writer the sessions' jobs share
// (nil without stderr). It is called before their goroutines start.
func (a *Interpreter) traceWriter() io.Writer {
	if a.opts.Stderr == nil {
		return nil
	}
	if a.par.stderr == nil || a.par.stderr.w != a.opts.Stderr {
		a.par.stderr = &syncWriter{w: a.opts.Stderr}
	}
	return a.par.stderr
}

// workerJob returns the job for the files of a parallel subcommand on
// session s: the settings and local state of a, and a transcript of its
// own into the lineBuffer returned (the trace, when on, into trace), no
// hooks and no questions.
func (a *Interpreter) workerJob(s *client.Session, trace io.Writer) (*job, *lineBuffer) {
	buf := &lineBuffer{}
	out := transcript.NewSink(buf, transcript.Options{Verbose: a.out.ShowsIDs()})
	obs := &lineObserver{out: out, set: a.set, trace: trace, noteEach: true}
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

// parallelStart is a parallel subcommand's extra sessions on their way:
// opened (or taken from the pool) and brought to the first session's
// settings in goroutines of their own, which then take files from jobs.
// A subcommand that lists names first starts them before the listing
// (startEarly), so that they log in while it runs.
type parallelStart struct {
	pl       workerPlan
	outcomes chan extraOutcome // one per extra session; never blocks its goroutine
	jobs     chan int          // indexes into names, to any ready session
	results  chan fileResult
	wg       sync.WaitGroup
	names    []string // set before the first job is sent
	step     stepFunc
	trace    io.Writer // the DEBUG trace the sessions share, or nil
}

// startParallel starts the extra sessions of pl. They dial and log in while
// the first session asks its directory; they wait for it (and the type and
// protection taken with it) before they log in and sync.
func (a *Interpreter) startParallel(pl workerPlan) *parallelStart {
	n := pl.extras()
	h := &parallelStart{pl: pl, outcomes: make(chan extraOutcome, n), jobs: make(chan int), results: make(chan fileResult),
		trace: a.traceWriter()}
	var target syncTarget
	known := make(chan struct{})
	for i := range n {
		var w *worker
		if i < len(pl.kept) {
			w = pl.kept[i]
		}
		h.wg.Go(func() { a.startExtra(i, w, &target, known, h.outcomes, h.run(a)) })
	}
	target = a.syncTargetNow()
	close(known)
	return h
}

// run returns what a ready session does: it takes files from jobs until
// jobs is closed or its session breaks, sending each file's result.
func (h *parallelStart) run(a *Interpreter) func(*worker) {
	return func(w *worker) {
		j, buf := a.workerJob(w.sess, h.trace)
		for i := range h.jobs {
			// A failure to begin the call is the session's: runOne meets
			// and reports it.
			_ = a.sharePassive(w.sess)
			r := a.runOne(j, buf, h.names[i], h.step)
			r.i = i
			h.results <- r
			if r.broken {
				return
			}
		}
	}
}

// startEarly starts the extra sessions of a parallel subcommand that lists
// its names first (MGET, MDELETE): they log in while the list is read.
// The subcommand's multiOver takes them; endEarly, deferred, pools those a
// subcommand did not use.
func (a *Interpreter) startEarly() {
	if a.par.early != nil || !a.parallelAllowed() || a.sess == nil || a.sess.Err() != nil {
		return
	}
	if pl := a.planWorkers(); pl.extras() > 0 {
		a.par.early = a.startParallel(pl)
	}
}

// endEarly puts the extra sessions started by startEarly and not used by a
// parallel run into the pool, for the next subcommand.
func (a *Interpreter) endEarly() {
	h := a.par.early
	a.par.early = nil
	if h == nil {
		return
	}
	close(h.jobs)
	h.wg.Wait()
	resolved := make([]extraOutcome, h.pl.extras())
	for range resolved {
		o := <-h.outcomes
		resolved[o.slot] = o
	}
	a.settlePool(h.pl, resolved)
}

// runParallel runs step for every name over the first session and the
// extra ones of h, and writes each file's lines in list order. The first
// session starts at once; each extra session takes files from the moment
// it is ready. Lines are written once every extra session is ready or has
// failed, so that the warning about a refused session comes before the
// files' lines, as when the sessions were opened first. It returns the
// first error in list order.
func (a *Interpreter) runParallel(h *parallelStart, names, keys []string, step stepFunc) error {
	h.names, h.step = names, step
	pl, jobs, results, outcomes := h.pl, h.jobs, h.results, h.outcomes
	wg := &h.wg
	wg.Go(func() { h.run(a)(&worker{sess: a.sess}) })
	n := pl.extras()

	resolved := make([]extraOutcome, n)
	unresolved := n
	var joined []*client.Session
	defer a.running.setExtra(nil)
	settle := func(o extraOutcome) {
		resolved[o.slot] = o
		unresolved--
		if o.w != nil {
			joined = append(joined, o.w.sess)
			a.running.setExtra(slices.Clone(joined))
		}
	}

	var first error
	live, next, sent, inflight := 1, 0, 0, 0
	pending := map[int]fileResult{}
	var retry []int                 // files whose session broke, to run once more on another
	retried := map[int]fileResult{} // their first attempt
	stopping := false
	warned := false
	same := sameTargets{} // names that reach one file go one after the other (samename.go)
	flush := func() {
		if unresolved > 0 {
			return
		}
		if !warned {
			warned = true
			a.settlePool(pl, resolved)
		}
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if f, ok := retried[next]; ok {
				a.writeJobLines(f.lines)
				a.out.Printf(transcript.MsgRetryOther, names[next], rootCause(f.err))
			}
			next++
			if p.notRun {
				continue
			}
			a.writeJobLines(p.lines)
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
	for {
		if a.stopRequested() {
			stopping = true
		}
		newOK := sent < len(names) && sent < next+parallelWindow && !same.busy(keys[sent])
		work := !stopping && (len(retry) > 0 || newOK)
		canSend := work && live > inflight
		// More files wait while the window is full (lines are written
		// only once every extra session is settled): the loop waits for
		// the extra sessions then, it does not end.
		more := !stopping && (len(retry) > 0 || sent < len(names))
		if !canSend && inflight == 0 && (!more || unresolved == 0) {
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
		var outCh chan extraOutcome
		if unresolved > 0 {
			outCh = outcomes
		}
		select {
		case o := <-outCh:
			settle(o)
			if o.w != nil {
				live++
			}
			flush()
		case jobCh <- idx:
			if len(retry) > 0 && idx == retry[0] {
				retry = retry[1:] // its target was kept busy
			} else {
				same.start(keys[idx])
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
			same.end(keys[r.i])
			pending[r.i] = r
			flush()
		}
	}
	close(jobs)
	wg.Wait()
	for unresolved > 0 {
		settle(<-outcomes)
	}
	flush()
	a.dropBroken()
	if first == nil && !stopping && (sent < len(names) || len(retry) > 0) {
		// Never "all done" for a list that was not run to its end.
		return fmt.Errorf("%w: %d of %d files were not transferred: no session was left to take them", errParallelUnfinished, len(names)-sent+len(retry), len(names))
	}
	return first
}

// writeJobLines writes a parallel job's lines to the transcript. The jobs
// say ZFT0177I (no size to check against) for every file without a size;
// the transcript says it once, as serial mode does: at the first such file
// in list order, unless it was said before.
func (a *Interpreter) writeJobLines(lines []transcript.Line) {
	for _, l := range lines {
		if l.ID == transcript.MsgSizeUnknown {
			if a.obs.sizeNoted {
				continue
			}
			a.obs.sizeNoted = true
		}
		a.out.WriteLine(l)
	}
}

// errParallelUnfinished reports a parallel subcommand whose sessions all
// broke before the list was done.
var errParallelUnfinished = errors.New("parallel transfer unfinished")

// settlePool puts the extra sessions that became ready into the pool, in
// slot order, and says once which could not be opened (the pool then asks
// for no more) and which could not take the first session's settings.
func (a *Interpreter) settlePool(pl workerPlan, rs []extraOutcome) {
	p := pl.pool
	var openErr, syncErr error
	opened := 0
	for _, o := range rs {
		switch {
		case o.openErr != nil:
			if openErr == nil {
				openErr = o.openErr
			}
		case o.syncErr != nil:
			if syncErr == nil {
				syncErr = o.syncErr
			}
		default:
			p.extra = append(p.extra, o.w)
		}
		if o.openErr == nil {
			opened++
		}
	}
	if openErr != nil {
		p.refused = true
		a.out.Printf(transcript.MsgParallelRefused, rootCause(openErr), 1+opened)
	}
	var unshared *unsharedError
	switch {
	case errors.As(syncErr, &unshared):
		a.out.Printf(unshared.id, unshared.cause, 1+len(p.extra))
	case syncErr != nil:
		a.out.Printf(transcript.MsgParallelRefused, rootCause(syncErr), 1+len(p.extra))
	}
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
func (a *Interpreter) closePool() { a.quitPool()() }

// quitPool forgets the extra sessions and ends them (QUIT), all at once:
// one round trip, not one each. The returned function waits until they
// are closed.
func (a *Interpreter) quitPool() (wait func()) {
	p := a.par.pool
	a.par.pool = nil
	var wg sync.WaitGroup
	if p != nil && p.gate != nil {
		p.gate.open(nil)
	}
	if p != nil {
		for _, w := range p.extra {
			wg.Go(func() {
				if w.ready() != nil {
					return
				}
				if w.sess.Err() == nil {
					w.sess.Quit(unobserved(a.ctx))
				}
				w.sess.Close()
			})
		}
	}
	return wg.Wait
}

// forgetLogin closes the extra sessions and drops the credentials: a new
// OPEN.
func (a *Interpreter) forgetLogin() {
	a.closePool()
	a.par.cred = credentials{}
	a.par.state = serverState{}
}

// quitSession ends the session: QUIT on the first session while the extra
// ones quit too, and the credentials dropped.
func (a *Interpreter) quitSession() error {
	wait := a.quitPool()
	defer wait()
	a.par.cred = credentials{}
	s := a.sess
	a.sess = nil
	if s == nil {
		return nil
	}
	_, err := s.Quit(a.ctx)
	return err
}

// rememberLogin keeps what the first session logged in with, for the
// extra sessions of PARALLEL.
// The extra sessions open so far were logged in with the login before: they
// are closed (not those dialled at OPEN for this login: settleAhead).
func (a *Interpreter) rememberLogin(user, password, account string) {
	if p := a.par.pool; p == nil || p.gate == nil {
		a.closePool()
	}
	if a.par.cred.set {
		a.par.state.relogin()
	}
	a.par.cred = credentials{set: true, user: user, password: password, account: account}
}
