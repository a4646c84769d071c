package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("FWFRIENDLY TRUE\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flagFile := mk("flag.data")
	envFile := mk("env.data")
	cfgFile := mk("cfg/zftp/ftp.data")
	homeFile := mk("home/.zftp/ftp.data")

	finder := func(env string, cfg, home string, system map[string]bool) Finder {
		return Finder{
			Getenv:        func(k string) string { return map[string]string{EnvFTPData: env}[k] },
			UserConfigDir: func() (string, error) { return cfg, nil },
			UserHomeDir:   func() (string, error) { return home, nil },
			Stat: func(p string) (fs.FileInfo, error) {
				if system[p] {
					return os.Stat(flagFile) // any regular file
				}
				return os.Stat(p)
			},
			GOOS: "linux",
		}
	}
	cfgDir, homeDir := filepath.Join(dir, "cfg"), filepath.Join(dir, "home")
	empty := filepath.Join(dir, "empty")
	tests := []struct {
		name   string
		f      Finder
		flag   string
		path   string
		origin Origin
	}{
		{"flag first", finder(envFile, cfgDir, homeDir, nil), flagFile, flagFile, OriginFlag},
		{"env second", finder(envFile, cfgDir, homeDir, nil), "", envFile, OriginEnv},
		{"user config dir", finder("", cfgDir, homeDir, nil), "", cfgFile, OriginUserConfig},
		{"home dir", finder("", empty, homeDir, nil), "", homeFile, OriginHome},
		{"system", finder("", empty, empty, map[string]bool{"/etc/zftp/ftp.data": true}), "", "/etc/zftp/ftp.data", OriginSystem},
		{"none", finder("", empty, empty, nil), "", "", OriginNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := tc.f.Find(tc.flag)
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if loc.Path != tc.path || loc.Origin != tc.origin {
				t.Errorf("Find = %+v, want %s (%s)", loc, tc.path, tc.origin)
			}
		})
	}

	missing := filepath.Join(dir, "missing.data")
	if _, err := finder("", cfgDir, homeDir, nil).Find(missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing -f file: %v", err)
	}
	if _, err := finder(missing, cfgDir, homeDir, nil).Find(""); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing $ZFTP_FTPDATA file: %v", err)
	}
	if _, err := finder("", cfgDir, homeDir, nil).Find(dir); err == nil {
		t.Error("a directory was accepted")
	}
	want := []string{filepath.Join(cfgDir, "zftp", "ftp.data"), filepath.Join(homeDir, ".zftp", "ftp.data"), "/etc/zftp/ftp.data"}
	if got := finder("", cfgDir, homeDir, nil).Candidates(); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("Candidates = %v", got)
	}
	win := finder("", cfgDir, homeDir, nil)
	win.GOOS = "windows"
	win.Getenv = func(k string) string { return map[string]string{"ProgramData": `C:\ProgramData`}[k] }
	if got := win.Candidates(); got[len(got)-1] != filepath.Join(`C:\ProgramData`, "zftp", "ftp.data") {
		t.Errorf("windows Candidates = %v", got)
	}
}

func TestFindFlagPath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ftp.data")
	if err := os.WriteFile(p, []byte("FWFRIENDLY TRUE\nBLKSIZE 80\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loc, err := Find(p)
	if err != nil || loc.Path != p || loc.Origin != OriginFlag {
		t.Fatalf("Find = %+v %v", loc, err)
	}
	s := Defaults()
	if w, err := s.LoadFTPData(loc.Path); err != nil || len(w) != 1 || !s.FWFriendly {
		t.Errorf("LoadFTPData = %v %v, FWFRIENDLY %v", w, err, s.FWFriendly)
	}
	if _, err := Find(p + ".none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find missing: %v", err)
	}
}

// TestLookupDescription: the lookup order the help and the docs give for
// each OS is the one Find follows there (a Finder whose directories are
// the description's variables gives the same candidates).
func TestLookupDescription(t *testing.T) {
	for _, c := range []struct{ goos, config, home, programData string }{
		{"linux", "$XDG_CONFIG_HOME", "~", ""},
		{"darwin", "~/Library/Application Support", "~", ""},
		{"windows", "%AppData%", "%USERPROFILE%", "%ProgramData%"},
	} {
		f := Finder{
			Getenv:        func(k string) string { return map[string]string{"ProgramData": c.programData}[k] },
			UserConfigDir: func() (string, error) { return c.config, nil },
			UserHomeDir:   func() (string, error) { return c.home, nil },
			GOOS:          c.goos,
		}
		slash := func(ps []string) string {
			var out []string
			for _, p := range ps {
				p, _, _ = strings.Cut(p, " (") // "$XDG_CONFIG_HOME/... (~/.config/...)"
				out = append(out, strings.ReplaceAll(filepath.ToSlash(p), `\`, "/"))
			}
			return strings.Join(out, ", ")
		}
		if got, want := slash(LookupDescription(c.goos)), slash(f.Candidates()); got != want {
			t.Errorf("%s: description %s, Find searches %s", c.goos, got, want)
		}
	}
}
