package zos

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/config"
)

// testFinder looks FTP.DATA up only under dir (no /etc, no environment).
// bareSettings loads the settings of flags with no FTP.DATA, environment
// or netrc: the configuration and home directories are dir, and no file is
// found.
func bareSettings(tb testing.TB, flags *Flags, dir string) *Settings {
	tb.Helper()
	set, err := LoadSettings(flags, config.Finder{
		Getenv:        func(string) string { return "" },
		UserConfigDir: func() (string, error) { return dir, nil },
		UserHomeDir:   func() (string, error) { return dir, nil },
		Stat:          func(string) (fs.FileInfo, error) { return nil, fs.ErrNotExist },
	})
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

func testFinder(dir string) config.Finder {
	return config.Finder{
		Getenv:        func(string) string { return "" },
		UserConfigDir: func() (string, error) { return filepath.Join(dir, "config"), nil },
		UserHomeDir:   func() (string, error) { return filepath.Join(dir, "home"), nil },
		Stat: func(p string) (fs.FileInfo, error) {
			if rel, err := filepath.Rel(dir, p); err != nil || !filepath.IsLocal(rel) {
				return nil, fs.ErrNotExist
			}
			return os.Stat(p)
		},
	}
}

// TestSettingsOrder checks defaults -> FTP.DATA -> flags: each flag sets
// the statement z/OS documents for it, over the file's value.
func TestSettingsOrder(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "ftp.data")
	if err := os.WriteFile(data, []byte("CLIENTEXIT FALSE\nFWFRIENDLY FALSE\nINACTTIME 300 ; comment\nANONYMOUS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		flags Flags
		check func(*Settings) string
	}{
		{Flags{FTPData: data}, func(s *Settings) string {
			if s.cfg.InactTime != 300 || s.cfg.ClientExit || s.cfg.FWFriendly || s.ftpData.Path != data {
				return "FTP.DATA not applied"
			}
			if len(s.notes) != 1 || s.notes[0].ID != config.IDIgnoredServerStatement {
				return fmt.Sprintf("want one EZYFT47I for ANONYMOUS: %v", s.notes)
			}
			return ""
		}},
		{Flags{FTPData: data, ExitOnError: true, Passive: true, MsgIDs: true, Debug: true}, func(s *Settings) string {
			if !s.ExitOnError() || !s.cfg.FWFriendly || !s.cfg.MsgIDs || !s.Tracing() {
				return "flags did not override FTP.DATA"
			}
			return ""
		}},
		{Flags{Require: "TLS"}, func(s *Settings) string {
			if s.cfg.SecureMechanism != config.MechanismTLS || s.cfg.SecureFTP != config.SecureFTPRequired {
				return "-r TLS"
			}
			return ""
		}},
		{Flags{Attempt: "tls"}, func(s *Settings) string {
			if s.cfg.SecureMechanism != config.MechanismTLS || s.cfg.SecureFTP != config.SecureFTPAllowed {
				return "-a TLS"
			}
			return ""
		}},
		{Flags{NoAutoLogin: true, NoPrompt: true, NoGlob: true, Timeout: 30, SourceAddr: "127.0.0.2", NetrcPath: "/x/netrc", Stack: "TCPIP"}, func(s *Settings) string {
			if s.AutoLogin || s.Prompting || s.Glob || s.Timeout != 30*time.Second || s.cfg.SourceAddr != "127.0.0.2" || s.NetrcPath != "/x/netrc" {
				return "front-end flags"
			}
			if len(s.notes) != 1 || s.notes[0].ID != config.IDNoEffect {
				return fmt.Sprintf("-p: want a no-effect warning: %v", s.notes)
			}
			return ""
		}},
		{Flags{}, func(s *Settings) string {
			if s.ftpData.Path != "" || s.ExitOnError() || !s.AutoLogin || !s.Prompting || !s.Glob || s.cfg.FWFriendly {
				return "defaults"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		s, err := LoadSettings(&tt.flags, testFinder(dir))
		if err != nil {
			t.Fatalf("%+v: %v", tt.flags, err)
		}
		if msg := tt.check(s); msg != "" {
			t.Errorf("%+v: %s", tt.flags, msg)
		}
	}
}

func TestExitStatus(t *testing.T) {
	for _, tt := range []struct{ rc, want int }{
		{0, 0}, {16550, 166}, {27000, 120}, {10234, 250}, {32000, 255}, {1000, 232},
	} {
		if got := exitStatus(tt.rc); got != tt.want {
			t.Errorf("exitStatus(%d) = %d, want %d", tt.rc, got, tt.want)
		}
	}
}

func TestReturnedCode(t *testing.T) {
	for _, tt := range []struct {
		form         config.ErrCodes
		sub, std, ec int
		want         int
	}{
		{config.ErrCodesFalse, 16, 16550, 2, 16550},
		{config.ErrCodesTrue, 16, 16550, 2, 2},
		{config.ErrCodesExtended, 16, 16550, 2, 216},
	} {
		if got := returnedCode(tt.form, tt.sub, tt.std, tt.ec); got != tt.want {
			t.Errorf("returnedCode(%s) = %d, want %d", tt.form, got, tt.want)
		}
	}
}
