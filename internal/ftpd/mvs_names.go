package ftpd

import (
	"errors"
	"strings"
)

// MVS data set names, as the IP User's Guide and Commands describes them
// ("MVS data set and file naming",
// https://www.ibm.com/docs/en/zos/3.1.0?topic=files-mvs-data-set-file-naming):
// qualifiers of one to eight characters separated by periods, 44
// characters at most in all, and for a partitioned data set a member name
// of one to eight characters in parentheses.

// Limits of MVS names.
const (
	maxQualifier = 8  // characters in one qualifier
	maxDSName    = 44 // characters in a data set name, periods included
	maxMember    = 8  // characters in a member name
)

// errBadName reports a name that breaks the MVS naming rules. The reply
// is IBM's 501 "Invalid data set name".
var errBadName = errors.New("invalid data set name")

// dsName is a validated, upper-case MVS data set name, with a member name
// when it names a member of a partitioned data set.
type dsName struct {
	quals  []string // two or more qualifiers
	member string   // "" unless a member is named
}

// dataset returns the data set name without the member.
func (d dsName) dataset() string { return strings.Join(d.quals, ".") }

// String returns the name as z/OS writes it: A.B.C or A.B.C(MEMBER).
func (d dsName) String() string {
	if d.member == "" {
		return d.dataset()
	}
	return d.dataset() + "(" + d.member + ")"
}

// withoutMember returns d naming the data set alone.
func (d dsName) withoutMember() dsName { return dsName{quals: d.quals} }

// isNational reports whether c is one of the national characters that
// MVS names allow besides letters and digits.
func isNational(c byte) bool { return c == '@' || c == '#' || c == '$' }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// validQualifier reports whether q is a qualifier: a letter or national
// character, then up to seven letters, digits, national characters or
// hyphens.
func validQualifier(q string) bool {
	if len(q) == 0 || len(q) > maxQualifier || !(isUpper(q[0]) || isNational(q[0])) {
		return false
	}
	for i := 1; i < len(q); i++ {
		c := q[i]
		if !isUpper(c) && !isDigit(c) && !isNational(c) && c != '-' {
			return false
		}
	}
	return true
}

// validMember reports whether m is a member name: a letter or national
// character, then up to seven letters, digits or national characters.
func validMember(m string) bool {
	if len(m) == 0 || len(m) > maxMember || !(isUpper(m[0]) || isNational(m[0])) {
		return false
	}
	for i := 1; i < len(m); i++ {
		c := m[i]
		if !isUpper(c) && !isDigit(c) && !isNational(c) {
			return false
		}
	}
	return true
}

// splitQualifiers splits an upper-case data set name into qualifiers and
// checks each, and the length of the whole.
func splitQualifiers(name string) ([]string, error) {
	if len(name) > maxDSName {
		return nil, errBadName
	}
	quals := strings.Split(name, ".")
	for _, q := range quals {
		if !validQualifier(q) {
			return nil, errBadName
		}
	}
	return quals, nil
}

// parseDSName parses an upper-case, fully qualified name: A.B.C or
// A.B.C(MEMBER). A data set name needs at least two qualifiers: the first
// is the catalog directory of its high-level qualifier.
func parseDSName(name string) (dsName, error) {
	var d dsName
	if open := strings.IndexByte(name, '('); open >= 0 {
		if !strings.HasSuffix(name, ")") {
			return d, errBadName
		}
		d.member = name[open+1 : len(name)-1]
		if !validMember(d.member) {
			return d, errBadName
		}
		name = name[:open]
	}
	quals, err := splitQualifiers(name)
	if err != nil {
		return dsName{}, err
	}
	if len(quals) < 2 {
		return dsName{}, errBadName
	}
	d.quals = quals
	return d, nil
}

// unquote returns the text between single quotes of a fully qualified
// name, and whether arg was one. A quote that is not closed is an error.
func unquote(arg string) (string, bool, error) {
	if !strings.HasPrefix(arg, "'") {
		if strings.Contains(arg, "'") {
			return "", false, errBadName
		}
		return arg, false, nil
	}
	if len(arg) < 2 || !strings.HasSuffix(arg, "'") || strings.Contains(arg[1:len(arg)-1], "'") {
		return "", true, errBadName
	}
	return arg[1 : len(arg)-1], true, nil
}

// printable returns s with bytes outside printable ASCII replaced by '?',
// so that a hostile name can be quoted in a reply.
func printable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7E {
			b[i] = '?'
		}
	}
	return string(b)
}

// dsPattern matches data set names qualifier by qualifier, as z/OS
// catalog searches do: in a qualifier, * matches any characters and %
// one character; a qualifier of ** matches any number of qualifiers.
type dsPattern []string

// parsePattern parses an upper-case pattern. Each qualifier must be a
// valid qualifier once its * and % are taken as letters, or **.
func parsePattern(p string) (dsPattern, error) {
	if p == "" || len(p) > maxDSName {
		return nil, errBadName
	}
	quals := strings.Split(p, ".")
	for _, q := range quals {
		if q == "**" {
			continue
		}
		if strings.Contains(q, "**") || !validQualifier(strings.NewReplacer("*", "A", "%", "A").Replace(q)) {
			return nil, errBadName
		}
	}
	return dsPattern(quals), nil
}

// hasWildcard reports whether s has a pattern character.
func hasWildcard(s string) bool { return strings.ContainsAny(s, "*%") }

// match reports whether the data set name (qualifiers) matches p.
func (p dsPattern) match(quals []string) bool {
	if len(p) == 0 {
		return len(quals) == 0
	}
	if p[0] == "**" {
		for i := 0; i <= len(quals); i++ {
			if p[1:].match(quals[i:]) {
				return true
			}
		}
		return false
	}
	return len(quals) > 0 && globMatch(p[0], quals[0]) && p[1:].match(quals[1:])
}

// globMatch matches one qualifier or member name against a pattern where
// * matches any run of characters and % exactly one.
func globMatch(pat, s string) bool {
	if pat == "" {
		return s == ""
	}
	switch pat[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if globMatch(pat[1:], s[i:]) {
				return true
			}
		}
		return false
	case '%':
		return s != "" && globMatch(pat[1:], s[1:])
	}
	return s != "" && s[0] == pat[0] && globMatch(pat[1:], s[1:])
}

// validMemberPattern reports whether p can match member names: letters,
// digits, national characters, * and %, not starting with a digit, and
// at most 16 characters (several * may make a pattern longer than a name).
func validMemberPattern(p string) bool {
	if p == "" || len(p) > 2*maxMember || isDigit(p[0]) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !isUpper(c) && !isDigit(c) && !isNational(c) && c != '*' && c != '%' {
			return false
		}
	}
	return true
}
