package main

import (
	"strings"
	"testing"
)

// TestSettingsHelpPerOS: --help names each OS's own FTP.DATA and netrc
// paths, in lines of at most 76 columns.
func TestSettingsHelpPerOS(t *testing.T) {
	tests := []struct {
		goos      string
		want, not []string
	}{
		{"linux", []string{"$ZFTP_FTPDATA", "$XDG_CONFIG_HOME/zftp/ftp.data", "~/.zftp/ftp.data", "/etc/zftp/ftp.data", "~/.netrc"}, []string{`\`, "%"}},
		{"darwin", []string{"~/Library/Application Support/zftp/ftp.data", "/etc/zftp/ftp.data", "~/.netrc"}, []string{"XDG", `\`}},
		{"windows", []string{"%ZFTP_FTPDATA%", `%AppData%\zftp\ftp.data`, `%USERPROFILE%\.zftp\ftp.data`, `%ProgramData%\zftp\ftp.data`,
			`%USERPROFILE%\_netrc, else %USERPROFILE%\.netrc`}, []string{"/etc/", "~/", "$"}},
	}
	for _, tt := range tests {
		h := settingsHelp(tt.goos)
		flat := strings.Join(strings.Fields(h), " ")
		for _, w := range tt.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: no %q in\n%s", tt.goos, w, h)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(h, w) {
				t.Errorf("%s: %q in\n%s", tt.goos, w, h)
			}
		}
		for _, l := range strings.Split(h, "\n") {
			if len(l) > 76 {
				t.Errorf("%s: line of %d columns: %q", tt.goos, len(l), l)
			}
		}
	}
}
