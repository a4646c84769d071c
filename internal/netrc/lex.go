package netrc

import "strings"

// token is one word of a netrc file.
type token struct {
	text   string
	line   int
	quoted bool // written in double quotes (never a keyword or comment)
}

// lexer splits netrc text into tokens, tracking line numbers.
type lexer struct {
	src  string
	pos  int
	line int
}

func newLexer(src string) *lexer { return &lexer{src: src, line: 1} }

// isSep reports whether c separates tokens. Commas separate tokens in BSD
// ftp's reader as well.
func isSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f' || c == '\v'
}

// skipSpace moves past separators, counting newlines.
func (l *lexer) skipSpace() {
	for l.pos < len(l.src) && isSep(l.src[l.pos]) {
		if l.src[l.pos] == '\n' {
			l.line++
		}
		l.pos++
	}
}

// skipLine moves to the start of the next line.
func (l *lexer) skipLine() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
	if l.pos < len(l.src) {
		l.pos++
		l.line++
	}
}

// next returns the next token. When keyword is true a token starting with
// '#' is a comment to the end of the line and is skipped. ok is false at the
// end of input; msg is non-empty for a malformed token.
func (l *lexer) next(keyword bool) (tok token, ok bool, msg string) {
	for {
		l.skipSpace()
		if l.pos >= len(l.src) {
			return token{}, false, ""
		}
		if keyword && l.src[l.pos] == '#' {
			l.skipLine()
			continue
		}
		break
	}
	start := l.line
	var b strings.Builder
	if l.src[l.pos] == '"' {
		l.pos++
		for {
			if l.pos >= len(l.src) {
				return token{}, false, "unterminated quoted string"
			}
			c := l.src[l.pos]
			l.pos++
			switch c {
			case '"':
				return token{text: b.String(), line: start, quoted: true}, true, ""
			case '\\':
				if l.pos >= len(l.src) {
					return token{}, false, "backslash at end of file"
				}
				c = l.src[l.pos]
				l.pos++
			}
			if c == '\n' {
				l.line++
			}
			b.WriteByte(c)
		}
	}
	for l.pos < len(l.src) && !isSep(l.src[l.pos]) {
		c := l.src[l.pos]
		l.pos++
		if c == '\\' {
			if l.pos >= len(l.src) {
				return token{}, false, "backslash at end of file"
			}
			c = l.src[l.pos]
			l.pos++
			if c == '\n' {
				l.line++
			}
		}
		b.WriteByte(c)
	}
	return token{text: b.String(), line: start}, true, ""
}

// macroBody reads a macdef body: the rest of the current line is ignored,
// then lines are collected up to (not including) the first blank line or the
// end of input. A blank line is empty or holds only spaces and tabs.
func (l *lexer) macroBody() []string {
	l.skipLine()
	var lines []string
	for l.pos < len(l.src) {
		end := strings.IndexByte(l.src[l.pos:], '\n')
		var line string
		if end < 0 {
			line = l.src[l.pos:]
			l.pos = len(l.src)
		} else {
			line = l.src[l.pos : l.pos+end]
			l.pos += end + 1
			l.line++
		}
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimLeft(line, " \t") == "" {
			break
		}
		lines = append(lines, line)
	}
	return lines
}
