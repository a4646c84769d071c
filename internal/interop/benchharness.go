//go:build linux

package interop

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Harness is a minimal testing.TB for programs that start the interop servers outside `go test`
// (cmd/zftpbench). It implements what Start, the server helpers and tlstest call: Helper, Logf,
// Log, Errorf, Error, Fatalf, Fatal, FailNow, Fail, Failed, Skipf, Skip, SkipNow, Skipped,
// Cleanup, TempDir, Name, Context and Output. Every other method of testing.TB comes from the
// embedded nil interface and panics: the harness does not need them.
//
// Fatal and Skip calls panic with a *HarnessStop, which Run turns into an error; Close runs the
// registered cleanups (stopping the servers) in reverse order.
type Harness struct {
	testing.TB // nil; satisfies the unexported methods of testing.TB

	name string
	root string    // parent of every TempDir
	log  io.Writer // Logf output; nil discards

	mu       sync.Mutex
	cleanups []func()
	failed   bool
	skipped  bool
	n        int
}

// HarnessStop is the panic value of Harness.Fatalf and Harness.Skipf.
type HarnessStop struct {
	Skip bool
	Msg  string
}

func (s *HarnessStop) Error() string {
	if s.Skip {
		return "skipped: " + s.Msg
	}
	return s.Msg
}

// NewHarness returns a Harness whose temporary directories live under root (created if
// needed), logging to log (nil: discard). With ZFTP_INTEROP unset it sets it to "require": a
// program that asks for a server wants it, not a skip.
func NewHarness(name, root string, log io.Writer) (*Harness, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	if os.Getenv("ZFTP_INTEROP") == "" {
		os.Setenv("ZFTP_INTEROP", "require")
	}
	return &Harness{name: name, root: root, log: log}, nil
}

// Run calls f and returns the *HarnessStop of a Fatal or Skip inside it, or nil.
func (h *Harness) Run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(*HarnessStop); ok {
				err = s
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// Close runs the cleanups in reverse order of registration.
func (h *Harness) Close() {
	h.mu.Lock()
	c := h.cleanups
	h.cleanups = nil
	h.mu.Unlock()
	for i := len(c) - 1; i >= 0; i-- {
		c[i]()
	}
}

func (h *Harness) Helper()      {}
func (h *Harness) Name() string { return h.name }
func (h *Harness) Output() io.Writer {
	if h.log == nil {
		return io.Discard
	}
	return h.log
}
func (h *Harness) Context() context.Context { return context.Background() }

func (h *Harness) Logf(format string, args ...any) {
	if h.log != nil {
		fmt.Fprintf(h.log, format+"\n", args...)
	}
}
func (h *Harness) Log(args ...any) { h.Logf("%s", fmt.Sprint(args...)) }

func (h *Harness) Fail() { h.mu.Lock(); h.failed = true; h.mu.Unlock() }
func (h *Harness) Failed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.failed
}
func (h *Harness) Errorf(format string, args ...any) { h.Fail(); h.Logf(format, args...) }
func (h *Harness) Error(args ...any)                 { h.Fail(); h.Log(args...) }
func (h *Harness) FailNow()                          { h.Fail(); panic(&HarnessStop{Msg: "FailNow"}) }
func (h *Harness) Fatalf(format string, args ...any) {
	h.Fail()
	panic(&HarnessStop{Msg: fmt.Sprintf(format, args...)})
}
func (h *Harness) Fatal(args ...any) { h.Fail(); panic(&HarnessStop{Msg: fmt.Sprint(args...)}) }
func (h *Harness) Skipf(format string, args ...any) {
	h.mu.Lock()
	h.skipped = true
	h.mu.Unlock()
	panic(&HarnessStop{Skip: true, Msg: fmt.Sprintf(format, args...)})
}
func (h *Harness) Skip(args ...any) { h.Skipf("%s", fmt.Sprint(args...)) }
func (h *Harness) SkipNow()         { h.Skipf("SkipNow") }
func (h *Harness) Skipped() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.skipped
}

// Cleanup registers f to run at Close.
func (h *Harness) Cleanup(f func()) {
	h.mu.Lock()
	h.cleanups = append(h.cleanups, f)
	h.mu.Unlock()
}

// TempDir makes a new directory under the harness root, removed at Close.
func (h *Harness) TempDir() string {
	h.mu.Lock()
	h.n++
	n := h.n
	h.mu.Unlock()
	dir, err := os.MkdirTemp(h.root, fmt.Sprintf("%s-%03d-", filepath.Base(h.name), n))
	if err != nil {
		h.Fatalf("TempDir: %v", err)
	}
	h.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
