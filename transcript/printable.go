package transcript

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns text from a server (reply lines, listing lines, names,
// error texts) in a form that cannot drive a terminal or corrupt a log:
//
//   - C0 controls and DEL in caret notation, as transcripts always showed them (ESC as
//     ^[, NUL as ^@, DEL as ^?), so transcripts of ordinary servers are
//     unchanged; the tab is kept;
//   - C1 controls (U+0080 to U+009F, such as U+009B CSI and U+009D OSC,
//     which some terminals obey) as \u009b;
//   - each byte that is not part of valid UTF-8 (a raw 0x9B included) as
//     \xNN.
//
// Printable text, UTF-8 included, is kept as it is. The result is valid
// UTF-8 and holds no control character but the tab.
func Escape(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x7f:
				b.WriteString("^?")
			case c < 0x20 && c != '\t':
				b.WriteByte('^')
				b.WriteByte(c + 0x40)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, c)
		case r >= 0x80 && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether s needs no escaping: printable ASCII and tabs,
// or valid UTF-8 without C1 controls.
func isClean(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		return true
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) {
			return false
		}
		i += size
	}
	return true
}
