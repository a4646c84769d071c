package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// A call is one public method of Session at work: the context it was given
// and the observer that context carries. Every network method binds its
// context with begin, so the engine below it (control reads, data
// connections, the final-reply watch) needs no context parameter of its own.
type call struct {
	ctx context.Context
	obs Observer // from WithObserver; nil = none
}

// observerKey is the context key of a per-call Observer.
type observerKey struct{}

// WithObserver returns a context that carries o: every event of a Session
// method called with that context is passed to o, after the session's own
// Config.Observer. It is the per-call observation net/http/httptrace gives
// for one request; a nil o removes an observer ctx inherited.
func WithObserver(ctx context.Context, o Observer) context.Context {
	return context.WithValue(ctx, observerKey{}, o)
}

// alsoObserve returns ctx with o observing the call's events as well as
// (after) the observer ctx already carries: the engine's own per-call
// observers (Open, Stou) never hide the caller's.
func alsoObserve(ctx context.Context, o Observer) context.Context {
	outer := observerFrom(ctx)
	if outer == nil {
		return WithObserver(ctx, o)
	}
	return WithObserver(ctx, ObserverFunc(func(e Event) {
		outer.Observe(e)
		o.Observe(e)
	}))
}

// observerFrom returns the Observer WithObserver put in ctx, or nil.
func observerFrom(ctx context.Context) Observer {
	o, _ := ctx.Value(observerKey{}).(Observer)
	return o
}

// begin binds ctx to the method call that is starting and returns the
// function that ends it (defer s.begin(ctx)()). While the call runs, ctx's
// deadline bounds every reply wait and data connection, and its
// cancellation ends the call: a transfer is aborted (ABOR, data connection
// closed, the session stays usable); any other wait for a reply is cut
// short and the session is then unusable, since the reply may still come.
// A method that another method calls keeps the outer call's binding.
func (s *Session) begin(ctx context.Context) (end func()) {
	if s.call != nil {
		return noEnd
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// One call at a time (a Session is not for concurrent use): the call's
	// record, the interrupt function and the end function are the
	// session's own, made once, so a call allocates none of them
	// (docs/performance.md, "Fourth round").
	s.callState = call{ctx: ctx, obs: observerFrom(ctx)}
	s.call = &s.callState
	if s.ctl != nil {
		s.ctl.ctx = ctx
	}
	if s.endFn == nil {
		s.endFn, s.interruptFn = s.end, s.interruptCall
	}
	s.stopCall = nil
	if ctx.Done() != nil { // a context that can never end needs no watch
		s.interrupts.Add(1)
		s.stopCall = context.AfterFunc(ctx, s.interruptFn)
	}
	return s.endFn
}

// noEnd ends a call that another call of the session made: the outer call
// keeps its binding.
func noEnd() {}

// end ends the call begin started.
func (s *Session) end() {
	if s.stopCall != nil {
		if s.stopCall() {
			s.interrupts.Done() // it will never run
		}
		// No interrupt outlives its call: a late one would cut the next
		// call's read short (a deadline in the past).
		s.interrupts.Wait()
		s.stopCall = nil
		s.ctxHandled = false // no interrupt runs now: no lock needed
	}
	s.call = nil
	s.callState = call{}
	if s.ctl != nil {
		s.ctl.ctx = context.Background()
	}
}

// interruptCall is interrupt as begin's watch runs it: end waits for it.
func (s *Session) interruptCall() {
	defer s.interrupts.Done()
	s.interrupt()
}

// interrupt runs on its own goroutine when the running call's context is
// done: it aborts the transfer in progress, or else ends the wait on the
// control connection.
func (s *Session) interrupt() {
	s.mu.Lock()
	transferring, tcp, handled := s.current != nil, s.tcp, s.ctxHandled
	s.mu.Unlock()
	if handled {
		return // the transfer saw the context end first (abortForContext)
	}
	if transferring {
		s.Abort()
		return
	}
	if tcp != nil {
		// A deadline in the past ends the read (or write) in progress;
		// the next one checks the context before it waits.
		tcp.SetDeadline(time.Now())
	}
}

// abortForContext aborts the running transfer because the call's context
// ended, on the call's own goroutine, as interrupt would: the transfer
// may see the context end (its upload's reader failing with it, or the
// check after the data) before interrupt's goroutine has run. interrupt,
// should it run later, then leaves the session alone; it would otherwise
// take the transfer for over and cut the read of the ABOR reply short.
func (s *Session) abortForContext() {
	s.mu.Lock()
	s.ctxHandled = true
	s.mu.Unlock()
	s.Abort()
}

// callCtx returns the running call's context (Background between calls).
func (s *Session) callCtx() context.Context {
	if s.call == nil {
		return context.Background()
	}
	return s.call.ctx
}

// ctxErr wraps err with the call's context error when the context ended
// the call, so that errors.Is(err, context.Canceled) or
// context.DeadlineExceeded holds.
func (s *Session) ctxErr(err error) error {
	if err == nil || s.call == nil {
		return err
	}
	cerr := s.call.ctx.Err()
	if cerr == nil || errors.Is(err, cerr) {
		return err
	}
	return fmt.Errorf("%w: %w", cerr, err)
}

// callDeadline returns the earlier of d and the call's context deadline,
// and whether the context's was the earlier.
func (c *control) callDeadline(d time.Time) (time.Time, bool) {
	if cd, ok := c.ctx.Deadline(); ok && (d.IsZero() || cd.Before(d)) {
		return cd, true
	}
	return d, false
}

// ctxTimeout turns a timeout that the context's deadline caused into
// context.DeadlineExceeded (the network reports its own timeout error a
// moment before the context's timer fires).
func ctxTimeout(err error, byCtx bool) error {
	var ne net.Error
	if byCtx && errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	return err
}
