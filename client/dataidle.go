package client

import (
	"errors"
	"net"
	"os"
	"time"
)

// ErrDataIdle reports a transfer whose data connection moved no data for
// Config.DataIdleTimeout (the z/OS client's DATACTTIME). The server is
// then taken as not responding, as the z/OS client takes it (IBM
// technote swg21080868: "EZA1721W Server not responding, closing
// connection" when data cannot pass within the timer): its final reply is
// awaited only briefly, and without one the session is unusable.
var ErrDataIdle = errors.New("no data moved on the data connection within the data idle timeout")

// ErrNoDataConnection reports an active-mode transfer whose server never
// connected to the client's data port within Config.DataConnectTimeout.
// As after ErrDataIdle, the final reply is then awaited only briefly: a
// server that has not connected by then is taken as not responding.
var ErrNoDataConnection = errors.New("data connection: the server did not connect")

// dataIdleReplyWait bounds the wait for a transfer's final reply after
// its data connection went idle: a server that noticed answers at once
// (426), one that hangs would otherwise hold the client for the whole
// reply timeout on top of the data timeout.
const dataIdleReplyWait = time.Second

// dataIdle reports whether err, a transfer's data error, is the data
// connection's idle deadline.
func dataIdle(err error) bool { return isTimeout(err) }

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	if err == nil {
		return false // the usual case, without errors.As's target on the heap
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded)
}

// finalWaitAfter is how long a transfer's final reply may take once its
// data is done, given the data error: finalWait, or at most
// dataIdleReplyWait after the data connection went idle or never came.
func (s *Session) finalWaitAfter(dataErr error) time.Duration {
	if dataIdle(dataErr) || errors.Is(dataErr, ErrNoDataConnection) {
		return min(s.finalWait(), dataIdleReplyWait)
	}
	return s.finalWait()
}
