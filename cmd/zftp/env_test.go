package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/internal/config"
)

// testEnv returns an environment that keeps the user's files out of the
// way: FTP.DATA is looked up only under dir (no /etc), the default netrc is
// dir/netrc, the config dir is dir/config and the environment is empty.
func testEnv(t *testing.T, dir string) environment {
	t.Helper()
	finder := &config.Finder{
		Getenv:        func(string) string { return "" },
		UserConfigDir: func() (string, error) { return filepath.Join(dir, "config"), nil },
		UserHomeDir:   func() (string, error) { return filepath.Join(dir, "home"), nil },
		Stat: func(p string) (fs.FileInfo, error) {
			if rel, err := filepath.Rel(dir, p); err != nil || !filepath.IsLocal(rel) {
				return nil, fs.ErrNotExist // /etc/zftp/ftp.data and other system files
			}
			return os.Stat(p)
		},
	}
	return environment{
		localUser: "TESTER",
		ftpData:   finder,
		netrcPath: func() (string, error) { return filepath.Join(dir, "netrc"), nil },
		configDir: func() (string, error) { return filepath.Join(dir, "config", "zftp"), nil },
		getenv:    func(string) string { return "" },
		runCommand: func(string) ([]byte, error) {
			return nil, errors.New("no shell in tests")
		},
	}
}
