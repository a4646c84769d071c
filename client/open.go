package client

import (
	"context"
	"errors"
	"io"
	"sync"
)

// errFileClosed ends the transfer behind a remote file closed early.
var errFileClosed = errors.New("remote file closed")

// Open starts downloading name from offset (REST) and returns a reader of
// its data: io.EOF once the transfer has completed and passed its checks
// (TransferOptions' size check included), the transfer's error otherwise.
// Close ends the transfer: one not read to the end is aborted (ABOR, data
// connection closed) and the session stays usable. Until Close returns the
// Session is busy: call nothing else on it. Errors the server gives
// before any data (550) are returned by Open itself.
func (s *Session) Open(ctx context.Context, name string, offset int64) (io.ReadCloser, error) {
	ctx, cancel := context.WithCancel(ctx)
	pr, pw := io.Pipe()
	started := make(chan struct{})
	var once sync.Once
	obs := ObserverFunc(func(e Event) {
		if _, ok := e.(TransferStarted); ok {
			once.Do(func() { close(started) })
		}
	})
	f := &remoteReader{pr: pr, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(f.done)
		_, f.err = s.Retr(alsoObserve(ctx, obs), name, pw, &TransferOptions{Offset: offset})
		pw.CloseWithError(f.err) // nil: the reader sees io.EOF
	}()
	select {
	case <-started:
		return f, nil
	case <-f.done:
		if f.err != nil {
			cancel()
			return nil, f.err
		}
		return f, nil // complete before a data connection was reported (an empty file)
	}
}

// remoteReader is the reader Open returns.
type remoteReader struct {
	pr     *io.PipeReader
	cancel context.CancelFunc
	done   chan struct{}
	err    error // the transfer's, once done is closed
	closed bool
}

func (f *remoteReader) Read(p []byte) (int, error) { return f.pr.Read(p) }

// Close aborts the transfer if it is still running and waits for the
// session to be free. It returns the transfer's error, if any, unless the
// close itself ended it.
func (f *remoteReader) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	select {
	case <-f.done:
	default:
		f.cancel() // ABOR through the call's context
		f.pr.CloseWithError(errFileClosed)
		<-f.done
		f.cancel()
		return nil
	}
	f.cancel()
	if errors.Is(f.err, context.Canceled) || errors.Is(f.err, errFileClosed) {
		return nil
	}
	return f.err
}
