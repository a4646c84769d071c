package main

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/fatih/color"
	"github.com/spf13/pflag"
)

// Colour on a terminal (github.com/fatih/color): prompts, errors and
// warnings, and the hints after an error. Colour is a property of the
// terminal, never of the transcript: the terminal sink (repl.go) colours
// each transcript line by its severity. Batch mode (stdin or stdout not a terminal) never gets here,
// whatever --color says.
//
// --color=auto (the default) colours when NO_COLOR is unset or empty and
// TERM is not "dumb"; on Windows, auto means no colour (a legacy console
// would show the escapes; use --color=always in Windows Terminal).
// --color=always colours an interactive session even with NO_COLOR set.
// --color=never never colours.

// colorMode is the value of --color.
type colorMode string

const (
	colorAuto   colorMode = "auto"
	colorAlways colorMode = "always"
	colorNever  colorMode = "never"
)

// addColorFlag registers --color on fs; parseFlags calls it.
func addColorFlag(fs *pflag.FlagSet, m *colorMode) {
	*m = colorAuto
	fs.Var(m, "color", "colour prompts, errors and warnings on a terminal: auto (unless NO_COLOR is set), always, never; batch output is never coloured")
}

func (m *colorMode) String() string {
	if *m == "" {
		return string(colorAuto)
	}
	return string(*m)
}

func (m *colorMode) Set(s string) error {
	switch v := colorMode(strings.ToLower(s)); v {
	case colorAuto, colorAlways, colorNever:
		*m = v
		return nil
	}
	return fmt.Errorf("want auto, always or never")
}

func (m *colorMode) Type() string { return "auto|always|never" }

// useColor decides whether an interactive session is coloured. Batch
// sessions are never coloured: the caller asks only for interactive ones,
// and interactive false answers false whatever the mode.
func useColor(mode colorMode, interactive bool, getenv func(string) string, goos string) bool {
	if !interactive {
		return false
	}
	switch mode {
	case colorNever:
		return false
	case colorAlways:
		return true
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	return goos != "windows"
}

// palette holds the colours of an interactive session.
type palette struct {
	prompt, err, warn, hint *color.Color
}

// newPalette returns the colours, forced on: fatih/color's own guess
// (isatty on stdout, NO_COLOR) is replaced by useColor's decision.
func newPalette() *palette {
	p := &palette{
		prompt: color.New(color.FgCyan, color.Bold),
		err:    color.New(color.FgRed, color.Bold),
		warn:   color.New(color.FgYellow),
		hint:   color.New(color.FgGreen),
	}
	for _, c := range []*color.Color{p.prompt, p.err, p.warn, p.hint} {
		c.EnableColor()
	}
	return p
}

// paint returns s in colour c; nil p (no colour) or "" leaves it as it is.
func (p *palette) paint(c func(*palette) *color.Color, s string) string {
	if p == nil || s == "" {
		return s
	}
	return c(p).Sprint(s)
}

func promptColor(p *palette) *color.Color { return p.prompt }
func errColor(p *palette) *color.Color    { return p.err }
func warnColor(p *palette) *color.Color   { return p.warn }
func hintColor(p *palette) *color.Color   { return p.hint }

// runtimeGOOS is runtime.GOOS; a variable so that tests can ask for others.
var runtimeGOOS = runtime.GOOS
