package zos

import (
	"runtime"
	"strings"
	"testing"
)

// TestWindowsNameProblem: the Windows rule refuses device names (with or
// without an extension, in any case), reserved characters, control
// characters and a trailing blank or period, and names the rule; other
// names pass. The rule is a plain function, tested on every OS.
func TestWindowsNameProblem(t *testing.T) {
	tests := []struct {
		name string
		want string // substring of the error; "" = allowed
	}{
		{"con", "CON is a device name on Windows"},
		{"CON", "CON is a device name on Windows"},
		{"nul", "NUL is a device name"},
		{"Prn", "PRN is a device name"},
		{"aux.log", "AUX is a device name on Windows, with any extension"},
		{"aux.tar.gz", "AUX is a device name on Windows, with any extension"},
		{"nul .txt", "NUL is a device name"},
		{"com1", "COM1 is a device name"},
		{"COM9.dat", "COM9 is a device name"},
		{"lpt1", "LPT1 is a device name"},
		{"lpt²", "LPT² is a device name"},
		{"conin$", "CONIN$ is a device name"},
		{"a:b", `holds ':'`},
		{"q?x", `holds '?'`},
		{"<>", `holds '<'`},
		{"a>b", `holds '>'`},
		{"x|y", `holds '|'`},
		{`say"hi"`, `holds '"'`},
		{"star*", `holds '*'`},
		{"trail.", "ends with a period"},
		{"trail ", "ends with a blank"},
		{"bell\a", "control characters"},
		// allowed
		{"ok.txt", ""},
		{"console", ""},
		{"conx.txt", ""},
		{"com10", ""},
		{"com0", ""},
		{"lpt", ""},
		{"auxiliary.log", ""},
		{".profile", ""},
		{"a b.txt", ""},
		{"naïve.txt", ""},
		{"x.con", ""},
		{" lead", ""},
	}
	for _, tt := range tests {
		err := windowsNameProblem(tt.name)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q refused: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want one with %q", tt.name, err, tt.want)
		}
	}
}

// TestLocalNameProblemPerOS: validLocalName applies the Windows rule on
// Windows only; on Unix and macOS "con", "a:b" and "trail." are files
// like any other.
func TestLocalNameProblemPerOS(t *testing.T) {
	for _, name := range []string{"con", "aux.log", "a:b", "q?x", "trail.", "trail "} {
		err := validLocalName(name)
		if runtime.GOOS == "windows" {
			if err == nil || err.Error() != windowsNameProblem(name).Error() {
				t.Errorf("%q on Windows: %v, want the Windows rule", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q on %s: refused: %v", name, runtime.GOOS, err)
		}
	}
	for _, name := range []string{"../x", "a/b", "..", "a\x00b"} {
		if validLocalName(name) == nil {
			t.Errorf("%q accepted", name)
		}
	}
}
