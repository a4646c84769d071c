package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/fatih/color"
	"github.com/spf13/pflag"

	"github.com/zftp/zftp/transcript"
)

// Colour on a terminal (github.com/fatih/color): prompts, errors and
// warnings, and the hints after an error. Colour is a property of the
// terminal, never of the transcript: the transcript package writes plain
// z/OS lines, and colourWriter, between it and the terminal, adds the
// escapes. Batch mode (stdin or stdout not a terminal) never gets here,
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

// colourWriter is the terminal under the transcript in a coloured
// interactive session: each line (the transcript writes one per Write) is
// classified and written in the colour of its severity.
type colourWriter struct {
	w   io.Writer
	pal *palette

	mu   sync.Mutex
	mark transcript.Severity // set by the front end for lines it knows (hint); 0 = classify
}

func newColourWriter(w io.Writer, pal *palette) *colourWriter {
	return &colourWriter{w: w, pal: pal}
}

// setMark makes the following lines the given severity until it is reset
// with 0: for messages whose text alone does not tell (the "%s" ones).
func (c *colourWriter) setMark(s transcript.Severity) {
	c.mu.Lock()
	c.mark = s
	c.mu.Unlock()
}

func (c *colourWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	mark := c.mark
	c.mu.Unlock()
	line, nl := strings.CutSuffix(string(p), "\n")
	if strings.Contains(line, "\n") {
		return c.w.Write(p)
	}
	sev := mark
	if sev == 0 {
		sev = lineSeverity(line)
	}
	var out string
	switch sev {
	case transcript.Error:
		out = c.pal.paint(errColor, line)
	case transcript.Warning:
		out = c.pal.paint(warnColor, line)
	default:
		return c.w.Write(p)
	}
	if nl {
		out += "\n"
	}
	if _, err := io.WriteString(c.w, out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// messageID matches a message ID at the start of a transcript line.
var messageID = regexp.MustCompile(`^(?:EZA|EZY|EZZ|ZFT)[A-Z0-9]{4,5}([IWE]) `)

// replyError matches a server reply line of a 4xx or 5xx reply.
var replyError = regexp.MustCompile(`^[45][0-9][0-9][ -]`)

// lineSeverity tells an error or warning line from the rest: by its
// message ID when IDs are shown; by a server reply code 4xx or 5xx; or by
// the fixed text of a catalog error or warning (messages whose text is
// only "%s" cannot be told this way; the front end marks those).
func lineSeverity(line string) transcript.Severity {
	if m := messageID.FindStringSubmatch(line); m != nil {
		return transcript.Severity(m[1][0])
	}
	if replyError.MatchString(line) {
		return transcript.Error
	}
	for _, m := range catalogTemplates() {
		if matchTemplate(line, m.Text) {
			return m.Severity
		}
	}
	return transcript.Info
}

// catalogTemplates returns the catalog's errors and warnings whose text has
// at least some fixed words to match.
var catalogTemplates = sync.OnceValue(func() []transcript.Message {
	var ms []transcript.Message
	for _, m := range transcript.Catalog() {
		if m.Severity == transcript.Info {
			continue
		}
		if len(strings.TrimSpace(strings.NewReplacer("%s", "", "%d", "", "%q", "").Replace(m.Text))) < 4 {
			continue
		}
		ms = append(ms, m)
	}
	return ms
})

// runtimeGOOS is runtime.GOOS; a variable so that tests can ask for others.
var runtimeGOOS = runtime.GOOS
