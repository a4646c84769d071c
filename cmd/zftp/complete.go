package main

import (
	"context"
	"io"
	"strings"
	"sync"

	"github.com/zftp/zftp/internal/zos"
)

// completer is readline's Tab completer: it asks the interpreter
// (zos.Interpreter.CompleteContext), which completes only while its
// command loop waits at the Command: prompt. The candidates come escaped
// (transcript.Escape): a hostile name cannot drive the terminal when
// readline lists or inserts it. A Ctrl-C typed while the completion waits
// for a remote listing ends the wait (tabInterrupt).
type completer struct {
	t    *terminal
	stop *tabInterrupt
}

// Do returns the candidates for the word before pos, as suffixes of what
// is typed, and the length of the typed part.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	in := c.t.in.Load()
	if in == nil {
		return nil, 0
	}
	text := string(line[:pos])
	cur := zos.CompletionWord(text) // a double-quoted word from its quote on
	ctx, done := c.stop.begin()
	defer done()
	var out [][]rune
	for _, s := range in.CompleteContext(ctx, text) {
		if rest, ok := strings.CutPrefix(s, cur); ok {
			out = append(out, []rune(rest))
		}
	}
	return out, len([]rune(cur))
}

// tabInterrupt lets a Ctrl-C end a Tab completion that waits for the
// server. readline handles keys on one goroutine, which runs the
// completer: while the completer waits, the key is read from the terminal
// but not acted on. So the terminal's input passes through keyWatch,
// which cancels the completion in progress when it reads Ctrl-C; readline
// then gets the key as usual (the typed line is dropped, as Ctrl-C at the
// prompt does).
type tabInterrupt struct {
	mu     sync.Mutex
	cancel context.CancelFunc // the completion in progress; nil: none
}

// begin returns the context of a completion and the function that ends
// it.
func (t *tabInterrupt) begin() (context.Context, func()) {
	if t == nil {
		return context.Background(), func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.mu.Lock()
	t.cancel = cancel
	t.mu.Unlock()
	return ctx, func() {
		t.mu.Lock()
		t.cancel = nil
		t.mu.Unlock()
		cancel()
	}
}

// interrupt cancels the completion in progress, if any.
func (t *tabInterrupt) interrupt() {
	if t == nil {
		return
	}
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel()
	}
	t.mu.Unlock()
}

// keyCtrlC is the byte a terminal in raw mode reads for Ctrl-C.
const keyCtrlC = 0x03

// keyWatch is the line editor's input: it passes every byte on and calls
// on.interrupt for each Ctrl-C.
type keyWatch struct {
	r  io.ReadCloser
	on *tabInterrupt
}

func (k keyWatch) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	for _, b := range p[:n] {
		if b == keyCtrlC {
			k.on.interrupt()
			break
		}
	}
	return n, err
}

func (k keyWatch) Close() error { return k.r.Close() }
