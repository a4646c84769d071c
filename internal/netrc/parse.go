package netrc

import "strings"

// warnUnknown is the fixed text of the unknown-keyword warning.
const warnUnknown = "unknown keyword ignored"

// keyword kinds of a netrc file.
const (
	kwMachine  = "machine"
	kwDefault  = "default"
	kwLogin    = "login"
	kwPassword = "password"
	kwAccount  = "account"
	kwMacdef   = "macdef"
)

func isKeyword(s string) bool {
	switch s {
	case kwMachine, kwDefault, kwLogin, kwPassword, kwAccount, kwMacdef:
		return true
	}
	return false
}

// Parse parses netrc text. name is used in errors and warnings only. The
// first syntax error stops parsing and is returned as an *Error.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Path: name}
	l := newLexer(string(data))
	fail := func(line int, msg string) (*File, error) {
		return nil, &Error{File: name, Line: line, Msg: msg}
	}
	var cur *Entry
	for {
		tok, ok, msg := l.next(true)
		if msg != "" {
			return fail(l.line, msg)
		}
		if !ok {
			break
		}
		kw := strings.ToLower(tok.text)
		if tok.quoted || !isKeyword(kw) {
			// Classic clients warn about an unknown keyword and go on; the
			// token is never echoed because it may be a misplaced password.
			f.Warnings = append(f.Warnings, Warning{File: name, Line: tok.line, Text: warnUnknown})
			continue
		}
		switch kw {
		case kwMachine, kwDefault:
			f.Entries = append(f.Entries, Entry{Default: kw == kwDefault, Line: tok.line})
			cur = &f.Entries[len(f.Entries)-1]
			if kw == kwMachine {
				v, ok, msg := l.next(false)
				if msg != "" {
					return fail(l.line, msg)
				}
				if !ok || v.text == "" {
					return fail(tok.line, "machine: missing host name")
				}
				cur.Machine = v.text
			}
			continue
		}
		if cur == nil {
			return fail(tok.line, kw+": must follow a machine or default entry")
		}
		if kw == kwMacdef {
			v, ok, msg := l.next(false)
			if msg != "" {
				return fail(l.line, msg)
			}
			if !ok || v.text == "" {
				return fail(tok.line, "macdef: missing macro name")
			}
			if v.line != tok.line {
				return fail(tok.line, "macdef: the macro name must be on the macdef line")
			}
			cur.Macros = append(cur.Macros, Macro{Name: v.text, Line: tok.line, Lines: l.macroBody()})
			continue
		}
		v, ok, msg := l.next(false)
		if msg != "" {
			return fail(l.line, msg)
		}
		if !ok {
			return fail(tok.line, kw+": missing value")
		}
		switch kw {
		case kwLogin:
			cur.Login = v.text
		case kwPassword:
			cur.Password = v.text
		case kwAccount:
			cur.Account = v.text
		}
	}
	return f, nil
}
