package main

import (
	"bufio"
	"io"
	"os"
	"os/signal"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/zftp/zftp/internal/zos"
)

// Batch output. A batch run's transcript goes to a file or a pipe, and an
// MGET of many small files writes six lines per file: one write(2) per
// line cost 15% of the client's CPU for 1000 files of 4 KiB through a pipe
// (docs/performance.md). batchOutput collects the lines and writes them
// together, never holding any longer than batchFlushDelay, and at once
// before zftp reads its next input line, before anything goes to stderr
// (so that stdout and stderr sent to one file keep their order), when a
// signal ends zftp, and when the run ends.
type batchOutput struct {
	mu    sync.Mutex
	w     *bufio.Writer
	timer *time.Timer
	delay time.Duration
	armed bool  // the timer will flush what is buffered
	err   error // the first write error; later writes fail with it
	// broken, when set, is called with each write error (brokenpipe.go)
	// until a signal ends the run (ending).
	broken func(error)
	ending atomic.Bool
}

// batchFlushDelay bounds how long a line may wait in the buffer.
const batchFlushDelay = 100 * time.Millisecond

// newBatchOutput returns a batchOutput on w that holds a line at most
// delay.
func newBatchOutput(w io.Writer, delay time.Duration) *batchOutput {
	b := &batchOutput{w: bufio.NewWriterSize(w, 32<<10), delay: delay}
	b.timer = time.AfterFunc(time.Hour, func() { b.Flush() })
	b.timer.Stop()
	return b
}

// Write buffers p and makes sure a flush follows within batchFlushDelay.
func (b *batchOutput) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.w.Write(p)
	if err != nil {
		b.err = err
		b.failed(err)
		return n, err
	}
	if !b.armed && b.w.Buffered() > 0 {
		b.armed = true
		b.timer.Reset(b.delay)
	}
	return n, nil
}

// Flush writes what is buffered now.
func (b *batchOutput) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.armed = false
	b.timer.Stop()
	if b.err == nil {
		b.err = b.w.Flush()
		b.failed(b.err)
	}
	return b.err
}

// failed passes a write error to broken.
func (b *batchOutput) failed(err error) {
	if err != nil && b.broken != nil && !b.ending.Load() {
		b.broken(err)
	}
}

// flushFirst is a writer (stderr) or reader (stdin) that flushes the batch
// output before each call.
type flushFirst struct {
	out *batchOutput
	w   io.Writer
	r   io.Reader
}

func (f flushFirst) Write(p []byte) (int, error) {
	f.out.Flush()
	return f.w.Write(p)
}

func (f flushFirst) Read(p []byte) (int, error) {
	f.out.Flush()
	return f.r.Read(p)
}

// runBatch runs zftp with its transcript buffered as batchOutput says.
func runBatch(args []string, env environment) int {
	delay := env.batchFlushDelay
	if delay == 0 {
		delay = batchFlushDelay
	}
	out := newBatchOutput(env.stdout, delay)
	defer out.Flush()
	stderr := env.stderr
	if env.exitOnSignal {
		stop := flushOnSignal(out)
		defer stop()
		out.broken = endOnBrokenPipe
		stderr = pipeGuard{w: stderr}
	}
	env.stdout = out
	env.stderr = flushFirst{out: out, w: stderr}
	env.stdin = flushFirst{out: out, r: env.stdin}
	return run(args, env)
}

// batchExitSignals end a batch run: those that end an interactive one,
// and SIGQUIT, after which a batch job would otherwise leave a partial
// download behind. SIGPIPE is watched too but ends nothing: the write that
// raised it fails with EPIPE, and a transcript that cannot be written ends
// the run (brokenpipe.go).
var batchExitSignals = append(slices.Clip(exitSignals), syscall.SIGQUIT)

// signalFlushWait bounds the flush when a signal ends zftp.
const signalFlushWait = time.Second

// flushOnSignal ends the process on batchExitSignals as it would end
// without zftp watching them, with 128 + the signal number, after removing
// the temporary file of a download in progress and writing the buffered
// transcript (waiting at most signalFlushWait for it). It returns
// the function that stops watching.
func flushOnSignal(out *batchOutput) (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, append(slices.Clip(batchExitSignals), syscall.SIGPIPE)...)
	go func() {
		var sig os.Signal
		for sig == nil {
			select {
			case s := <-sigs:
				if s != syscall.SIGPIPE {
					sig = s
				}
			case <-done:
				return
			}
		}
		out.ending.Store(true) // the signal's status, not the broken pipe's
		// A partial download must not outlive zftp.
		zos.RemoveTempFiles()
		// A stdout nobody reads can block the flush: end anyway.
		flushed := make(chan struct{})
		go func() {
			out.Flush()
			close(flushed)
		}()
		select {
		case <-flushed:
		case <-time.After(signalFlushWait):
		}
		if sig == syscall.SIGQUIT {
			raiseQuit() // the goroutine dump (quitsignal.go)
		}
		os.Exit(signalStatus(sig))
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
