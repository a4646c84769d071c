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
//
// Quoting (a zftp extension, as lftp and tnftp accept it): an argument
// that starts with a double quote runs to the next double quote and is
// one name, blanks included, without the quotes ("a b.txt"). Single
// quotes keep their z/OS meaning: a fully qualified data set name, sent
// as typed, quotes and all ('HLQ.DATA(MEM)'). A double quote inside a
// word, or one that is never closed, is an ordinary character. The login
// subcommands (USER, PASS, ACCOUNT) take their arguments as typed.

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
	args := fields(rest)
	if res.sub == nil || !asTyped[res.sub.name] {
		args = quotedFields(rest)
	}
	return &call{sub: res.sub, word: word, rest: rest, args: args}, res
}

// asTyped names the subcommands whose arguments are never unquoted: a
// password may start with a double quote.
var asTyped = map[string]bool{"USER": true, "PASS": true, "ACCOUNT": true}

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

// quotedFields splits s at blanks, keeping a double-quoted argument whole
// and without its quotes (see Quoting above).
func quotedFields(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return out
		}
		if s[0] == '"' {
			if end := strings.IndexByte(s[1:], '"'); end >= 0 {
				out = append(out, s[1:1+end])
				s = s[2+end:]
				continue
			}
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
}

// oneName returns the one name a subcommand such as CD or DELETE takes:
// the rest of the line, or, when that is one double-quoted argument, its
// content.
func oneName(c *call) string {
	if len(c.args) == 1 && strings.HasPrefix(c.rest, `"`) {
		return c.args[0]
	}
	return c.rest
}

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
