package zos

import (
	"fmt"
	"strconv"
	"strings"
)

// The subcommand-line parser: the first word names the subcommand (full
// name or an abbreviation of at least its minimum length), the rest of the
// line is kept verbatim for QUOTE, SITE and the like, and split at blanks
// for everything else.

// parseLine parses one input line against the table.
func parseLine(table []*subcommand, line string) (*call, lookupResult) {
	word, rest := splitWord(line)
	if r, ok := shellWord(line); ok {
		word, rest = "!", r // !ls as ! ls (suggest.go)
	}
	if word == "" {
		return nil, lookupResult{}
	}
	res := lookup(table, word)
	return &call{sub: res.sub, word: word, rest: rest, args: fields(rest)}, res
}

// isBlank reports whether c separates words on a subcommand line.
func isBlank(c rune) bool { return c == ' ' || c == '\t' }

// splitWord returns the first word of line and the rest after the blanks
// that follow it; the rest is otherwise verbatim.
func splitWord(line string) (word, rest string) {
	t := strings.TrimLeft(line, " \t")
	i := strings.IndexAny(t, " \t")
	if i < 0 {
		return t, ""
	}
	return t[:i], strings.TrimLeft(t[i:], " \t")
}

// fields splits s at blanks.
func fields(s string) []string { return strings.FieldsFunc(s, isBlank) }

// echoText returns the line to echo, without any password it carries:
// USER keeps only the user ID, PASS only its name, QUOTE PASS only the
// verb. ACCOUNT (ACCT) is echoed as typed: IBM hides only the password
// (IP User's Guide and Commands, "ACCt subcommand").
func echoText(c *call, line string) string {
	if c == nil || c.sub == nil {
		return line
	}
	switch c.sub.name {
	case "USER":
		if len(c.args) > 1 {
			return c.word + " " + c.args[0]
		}
	case "PASS":
		return c.word
	case "QUOTE":
		if len(c.args) > 0 && strings.EqualFold(c.args[0], "PASS") {
			return c.word + " " + c.args[0]
		}
	}
	return line
}

// ParsePort parses a port number 1..65535.
func ParsePort(s string) (int, error) {
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("invalid port %q: want a number from 1 to 65535", s)
	}
	return p, nil
}
