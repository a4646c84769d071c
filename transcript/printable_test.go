package transcript

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "226 Transfer complete", "226 Transfer complete"},
		{"tab", "a\tb", "a\tb"},
		{"empty", "", ""},
		{"ESC as today", "250 \x1b[2Jgotcha", "250 ^[[2Jgotcha"},
		{"NUL and DEL as today", "name\x00with\x7fcontrols", "name^@with^?controls"},
		{"CR LF", "a\r\nb", "a^M^Jb"},
		{"UTF-8 kept", "café ☕ 日本", "café ☕ 日本"},
		{"C1 CSI", "x\u009b2Jy", `x\u009b2Jy`},
		{"C1 OSC 52", "\u009d52;c;aGk=\u009c", `\u009d52;c;aGk=\u009c`},
		{"C1 bounds", "\u0080\u009f\u00a0", `\u0080\u009f` + "\u00a0"},
		{"raw 0x9b", "x\x9b2Jy", `x\x9b2Jy`},
		{"Latin-1 byte", "caf\xe9", `caf\xe9`},
		{"truncated UTF-8", "ok\xe2\x98", `ok\xe2\x98`},
		{"overlong NUL", "\xc0\x80", `\xc0\x80`},
		{"surrogate", "\xed\xa0\x80", `\xed\xa0\x80`},
		{"0xff", "\xff", `\xff`},
		{"mixed", "\x1b\u009b\x9b\t", `^[\u009b\x9b` + "\t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// caretC0 is the escaping transcripts had before Escape (C0 and DEL in
// caret notation, nothing else touched): the reference Escape must match
// on valid UTF-8 without C1 controls, so that earlier transcripts stay
// byte-identical.
func caretC0(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0x7f:
			b.WriteString("^?")
		case c < 0x20 && c != '\t':
			b.WriteByte('^')
			b.WriteByte(c + 0x40)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TestEscapeKeepsCaretC0: on valid UTF-8 without C1 controls, Escape is
// the earlier caret notation.
func TestEscapeKeepsCaretC0(t *testing.T) {
	for _, s := range []string{"250 \x1b[2Jgotcha", "a\tb\x00\x7f", "café", "220-FTPD1 IBM FTP CS V2R8", "^[ already"} {
		if Escape(s) != caretC0(s) {
			t.Errorf("Escape(%q) = %q, caret notation = %q", s, Escape(s), caretC0(s))
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "226 ok", "\x1b]52;c;x\x07", "\u009b31m", "\x9b31m", "caf\xe9", "日本\t\r\n", "\xed\xa0\x80", "\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Escape(%q) = %q: not valid UTF-8", s, out)
		}
		for _, r := range out {
			if (r < 0x20 && r != '\t') || (r >= 0x7f && r <= 0x9f) {
				t.Fatalf("Escape(%q) = %q: control %U kept", s, out, r)
			}
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0x9f }) {
			if out != caretC0(s) {
				t.Fatalf("Escape(%q) = %q differs from the caret notation %q", s, out, caretC0(s))
			}
		}
		if Escape(out) != out {
			t.Fatalf("Escape is not idempotent on %q: %q then %q", s, out, Escape(out))
		}
	})
}
