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

// echoText returns the line to echo, without any password it carries, as
// the table's secret facts say: USER keeps only the user ID, PASS only its
// name, QUOTE PASS only the verb. ACCOUNT (ACCT) is echoed as typed: IBM
// hides only the password (IP User's Guide and Commands, "ACCt
// subcommand"). A first word that names no subcommand (unknown, such as
// the Windows and BSD clients' "literal", which z/OS does not have, or
// ambiguous, such as "q") is taken as QUOTE is: "literal PASS x" is echoed
// "literal PASS".
func echoText(c *call, line string) string {
	if c == nil {
		return line
	}
	secret := secretCommandOf
	if c.sub != nil {
		secret = c.sub.secret
	}
	switch secret {
	case secretPassword:
		if len(c.args) > 1 {
			return c.word + " " + c.args[0]
		}
	case secretAll:
		return c.word
	case secretCommandOf:
		if len(c.args) > 0 && strings.EqualFold(c.args[0], "PASS") {
			return c.word + " " + c.args[0]
		}
	}
	return line
}

// credentialVerbs are the FTP commands (and ACCOUNT, a subcommand name
// typed after QUOTE by mistake) that carry a user ID, a password or an
// account when QUOTE sends them as typed.
var credentialVerbs = []string{"USER", "PASS", "ACCT", "ACCOUNT"}

// HoldsCredentials reports whether an input line may carry a user ID, a
// password or an account, and so must never be kept in a history. It errs
// on the side of yes, reading the table's secret facts: the line's first
// word names, or is a prefix in any case of, a subcommand whose arguments
// are credentials (USER, PASS, ACCOUNT, ACCT: u, pa, acc ...); or it
// names or starts a subcommand that sends its arguments to the server as
// typed (QUOTE), or names no subcommand at all (literal, frob), and the
// second word is a prefix of, or starts with, USER, PASS, ACCT or ACCOUNT
// (quote pass ..., q user ..., literal pass ...).
func HoldsCredentials(line string) bool {
	args := fields(line)
	if len(args) == 0 {
		return false
	}
	word := strings.ToUpper(args[0])
	table := newTable()
	named := lookup(table, word).sub
	quoted := named == nil
	for _, s := range table {
		if s != named && !strings.HasPrefix(s.name, word) {
			continue
		}
		switch s.secret {
		case secretPassword, secretAll, secretHistory:
			return true
		case secretCommandOf:
			quoted = true
		}
	}
	if !quoted || len(args) < 2 {
		return false
	}
	verb := strings.ToUpper(args[1])
	for _, v := range credentialVerbs {
		if strings.HasPrefix(v, verb) || strings.HasPrefix(verb, v) {
			return true
		}
	}
	return false
}

// ParsePort parses a port number 1..65535.
func ParsePort(s string) (int, error) {
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("invalid port %q: want a number from 1 to 65535", s)
	}
	return p, nil
}
