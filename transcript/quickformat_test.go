package transcript

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
)

// TestQuickFormat: where quickFormat takes a format it gives fmt.Sprintf's
// text byte for byte, and it leaves everything else to fmt.
func TestQuickFormat(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []any
		quick  bool
	}{
		{">>> %s", []any{"RETR f0001.bin"}, true},
		{"%d bytes transferred in %s seconds. Transfer rate %s Kbytes/sec.", []any{int64(4096), "0.001", "4096.00"}, true},
		{"%d %d %d %d %d", []any{-1, int8(-128), uint16(65535), uint64(1 << 63), int32(0)}, true},
		{"100%% of %s", []any{"it"}, true},
		{"%%s %s", []any{"x"}, true},
		{"no verbs", nil, true},
		{"", nil, true},
		{"%s and %s", []any{"", "\x00\n"}, true},
		{"%5d", []any{3}, false},
		{"%-10s|", []any{"a"}, false},
		{"%q", []any{"a"}, false},
		{"%v", []any{1}, false},
		{"%s", []any{errors.New("e")}, false},
		{"%s", []any{ID("EZA1617I")}, false},
		{"%d", []any{time.Second}, false},
		{"%d", []any{"x"}, false},
		{"%s", nil, false},
		{"%s", []any{"a", "b"}, false},
		{"trailing %", nil, false},
	} {
		got, ok := quickFormat(tt.format, tt.args)
		if ok != tt.quick {
			t.Errorf("quickFormat(%q, %v): ok %v, want %v", tt.format, tt.args, ok, tt.quick)
			continue
		}
		if want := fmt.Sprintf(tt.format, tt.args...); ok && got != want {
			t.Errorf("quickFormat(%q, %v) = %q, fmt.Sprintf gives %q", tt.format, tt.args, got, want)
		}
	}
}

// TestFormatEveryMessage: every catalog message formats as fmt.Sprintf
// formats it, with string and integer arguments for its verbs, whichever
// path Format takes.
func TestFormatEveryMessage(t *testing.T) {
	for _, m := range Catalog() {
		var args []any
		for i := 0; i < len(m.Text); i++ {
			if m.Text[i] != '%' || i+1 == len(m.Text) {
				continue
			}
			i++
			switch m.Text[i] {
			case 's':
				args = append(args, fmt.Sprintf("arg%d", len(args)))
			case 'd':
				args = append(args, int64(len(args)+1))
			}
		}
		text := m.Text
		if string(m.ID)[:3] == "ZFT" {
			text = countedNouns(text, args)
		}
		want := fmt.Sprintf(text, args...)
		if m.ID == MsgCommandSent {
			want = ">>> arg0"
		}
		if got := Format(m.ID, args...); got != want {
			t.Errorf("Format(%s) = %q, want %q", m.ID, got, want)
		}
	}
}

// TestEscapeArgsKeepsCleanArgs: clean strings and numbers come back as they
// are (no copy); anything escaped or converted comes in a copy, the
// caller's slice unchanged.
func TestEscapeArgsKeepsCleanArgs(t *testing.T) {
	clean := []any{"name", 42, int64(7)}
	if got := escapeArgs(clean); &got[0] != &clean[0] {
		t.Errorf("escapeArgs copied clean arguments")
	}
	for _, args := range [][]any{
		{"ok", "bad\x1b[2J"},
		{errors.New("e\r\n")},
		{time.Second, "x"}, // a fmt.Stringer becomes its text
	} {
		before := fmt.Sprint(args...)
		got := escapeArgs(args)
		if &got[0] == &args[0] {
			t.Errorf("escapeArgs(%q) did not copy", args)
		}
		if after := fmt.Sprint(args...); after != before {
			t.Errorf("escapeArgs changed its argument: %q, was %q", after, before)
		}
		for i, a := range got {
			if s, ok := a.(string); ok && s != Escape(s) {
				t.Errorf("escapeArgs(%q)[%d] = %q: not escaped", args, i, s)
			}
		}
	}
}

// TestPerFileLinesAsPrintf: the EZA1701I and EZA1617I lines built without
// fmt are the lines Printf makes from the same values, in every ID mode.
func TestPerFileLinesAsPrintf(t *testing.T) {
	commands := []string{
		"PASV", "RETR f0001.bin", "PASS secret", "pass\tsecret", "quote PASS x",
		"RETR bad\x1b[2Jname", "RETR ünïcödé\u0085", "STOR " + strings.Repeat("long", 60),
	}
	type sized struct {
		n int64
		d time.Duration
	}
	transfers := []sized{
		{0, 0}, {1, 400 * time.Microsecond}, {4096, time.Millisecond}, {24, 76 * time.Millisecond},
		{1 << 40, 1234567 * time.Microsecond}, {5, 2 * time.Hour}, {999, 1500 * time.Microsecond},
	}
	for _, opts := range []Options{{}, {Verbose: true}, {AlwaysShowIDs: true}} {
		var fast, slow lineRecorder
		wf, ws := NewSink(&fast, opts), NewSink(&slow, opts)
		for _, c := range commands {
			wf.Observe(client.CommandSent{Line: c})
			ws.Printf(MsgCommandSent, c)
		}
		for _, tr := range transfers {
			wf.Observe(client.TransferFinished{Command: "RETR", Bytes: tr.n, Duration: tr.d})
			ws.Printf(MsgTransferred, tr.n, Seconds(tr.d), Rate(tr.n, tr.d))
		}
		if len(fast.lines) != len(slow.lines) {
			t.Fatalf("%+v: %d lines, Printf made %d", opts, len(fast.lines), len(slow.lines))
		}
		for i := range fast.lines {
			if fast.lines[i] != slow.lines[i] {
				t.Errorf("%+v: line %d = %+v, Printf made %+v", opts, i, fast.lines[i], slow.lines[i])
			}
		}
	}
}

// TestVerbParts: the literal pieces around bare %s and %d verbs; any other
// verb, a %%, or another number of verbs refused.
func TestVerbParts(t *testing.T) {
	for _, tt := range []struct {
		format string
		verbs  int
		want   []string // nil: refused
	}{
		{">>> %s", 1, []string{">>> ", ""}},
		{"%d x %s y %s.", 3, []string{"", " x ", " y ", "."}},
		{"no verbs", 0, []string{"no verbs"}},
		{"%s%s", 2, []string{"", "", ""}},
		{"100%% %s", 1, nil},
		{"%s %s", 1, nil},
		{"%s", 2, nil},
		{"%5d", 1, nil},
		{"%q", 1, nil},
		{"end %", 0, nil},
	} {
		parts := make([]string, tt.verbs+1)
		ok := verbParts(tt.format, parts)
		if ok != (tt.want != nil) || ok && strings.Join(parts, "|") != strings.Join(tt.want, "|") {
			t.Errorf("verbParts(%q, %d) = %q, %v; want %q", tt.format, tt.verbs, parts, ok, tt.want)
		}
	}
}
