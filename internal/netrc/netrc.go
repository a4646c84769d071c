package netrc

import (
	"fmt"
	"strings"
)

// Entry is one machine (or the default) entry of a netrc file.
type Entry struct {
	Machine  string  // host name as written; "" for the default entry
	Default  bool    // true for the "default" entry
	Login    string  // user name; "" when absent
	Password string  // password; "" when absent
	Account  string  // account for ACCT; "" when absent
	Macros   []Macro // macdef definitions inside this entry, in file order
	Line     int     // line of the machine or default keyword
}

// HasPassword reports whether the entry carries a password.
func (e Entry) HasPassword() bool { return e.Password != "" }

// Macro is a macdef: a named list of ftp subcommand lines.
type Macro struct {
	Name  string   // macro name
	Lines []string // body lines, without line terminators
	Line  int      // line of the macdef keyword
}

// Warning is a problem that classic clients tolerate, such as an unknown
// keyword. It never includes text read from the file.
type Warning struct {
	File string // file name as given to Parse or Load
	Line int    // 1-based line number
	Text string // what was wrong
}

// String formats the warning as "file:line: text".
func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Text) }

// Error is a syntax error in a netrc file. It never includes text read from
// the file.
type Error struct {
	File string // file name as given to Parse or Load
	Line int    // 1-based line number
	Msg  string // what was wrong
}

// Error formats the error as "file:line: message".
func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// File is a parsed netrc file.
type File struct {
	Path     string    // file name as given to Parse or Load
	Entries  []Entry   // machine and default entries, in file order
	Warnings []Warning // tolerated problems, in file order
}

// HasPassword reports whether any entry carries a password.
func (f *File) HasPassword() bool {
	for _, e := range f.Entries {
		if e.HasPassword() {
			return true
		}
	}
	return false
}

// Lookup returns the first entry whose machine name equals host (compared
// without regard to case), or else the default entry. The boolean is false
// when neither exists.
func (f *File) Lookup(host string) (Entry, bool) {
	if f == nil {
		return Entry{}, false
	}
	for _, e := range f.Entries {
		if !e.Default && strings.EqualFold(e.Machine, host) {
			return e, true
		}
	}
	for _, e := range f.Entries {
		if e.Default {
			return e, true
		}
	}
	return Entry{}, false
}
