package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// EnvFTPData names the environment variable that selects an FTP.DATA file.
const EnvFTPData = "ZFTP_FTPDATA"

// Origin says how an FTP.DATA file was found.
type Origin int

// Origins, in lookup order.
const (
	OriginNone       Origin = iota // no file: built-in defaults only
	OriginFlag                     // -f FILE
	OriginEnv                      // $ZFTP_FTPDATA
	OriginUserConfig               // os.UserConfigDir()/zftp/ftp.data
	OriginHome                     // ~/.zftp/ftp.data
	OriginSystem                   // /etc/zftp/ftp.data (%ProgramData%\zftp\ftp.data on Windows)
)

// String names the origin.
func (o Origin) String() string {
	switch o {
	case OriginFlag:
		return "-f"
	case OriginEnv:
		return "$" + EnvFTPData
	case OriginUserConfig:
		return "user config directory"
	case OriginHome:
		return "home directory"
	case OriginSystem:
		return "system"
	default:
		return "built-in defaults"
	}
}

// Located is the FTP.DATA file that configuration uses. Path is "" when no
// file was found; the transcript reports it with message EZY2640I.
type Located struct {
	Path   string
	Origin Origin
}

// Finder looks up FTP.DATA. Nil fields use the os package and the running
// platform; tests fill them in.
type Finder struct {
	Getenv        func(string) string
	UserConfigDir func() (string, error)
	UserHomeDir   func() (string, error)
	Stat          func(string) (fs.FileInfo, error)
	GOOS          string
}

// Find looks up FTP.DATA with the default Finder.
func Find(flagPath string) (Located, error) { return Finder{}.Find(flagPath) }

// Find returns the FTP.DATA file to use: flagPath (-f FILE) when not empty,
// else $ZFTP_FTPDATA when set, else the first existing file among
// os.UserConfigDir()/zftp/ftp.data, ~/.zftp/ftp.data and /etc/zftp/ftp.data
// (%ProgramData%\zftp\ftp.data on Windows). A file named by -f or the
// environment must exist (the error wraps ErrNotFound). No file at all is not
// an error: Origin is OriginNone.
func (f Finder) Find(flagPath string) (Located, error) {
	f = f.withDefaults()
	explicit := []struct {
		path   string
		origin Origin
	}{{flagPath, OriginFlag}, {f.Getenv(EnvFTPData), OriginEnv}}
	for _, e := range explicit {
		if e.path == "" {
			continue
		}
		ok, err := f.exists(e.path)
		if err != nil {
			return Located{}, err
		}
		if !ok {
			return Located{}, fmt.Errorf("%w: %s (from %s)", ErrNotFound, e.path, e.origin)
		}
		return Located{Path: e.path, Origin: e.origin}, nil
	}
	for _, c := range f.candidates() {
		ok, err := f.exists(c.Path)
		if err != nil {
			return Located{}, err
		}
		if ok {
			return c, nil
		}
	}
	return Located{Origin: OriginNone}, nil
}

// LookupDescription returns, for goos, the FTP.DATA files Find searches
// when neither -f nor $ZFTP_FTPDATA names one, in order, as a user writes
// them (environment variables, not this machine's paths): for help texts
// and documentation. They are the candidates of a Finder for goos.
func LookupDescription(goos string) []string {
	switch goos {
	case "windows":
		return []string{`%AppData%\zftp\ftp.data`, `%USERPROFILE%\.zftp\ftp.data`, `%ProgramData%\zftp\ftp.data`}
	case "darwin", "ios":
		return []string{"~/Library/Application Support/zftp/ftp.data", "~/.zftp/ftp.data", "/etc/zftp/ftp.data"}
	}
	return []string{"$XDG_CONFIG_HOME/zftp/ftp.data (~/.config/zftp/ftp.data)", "~/.zftp/ftp.data", "/etc/zftp/ftp.data"}
}

// Candidates returns the files Find searches when neither -f nor
// $ZFTP_FTPDATA names one, in order.
func (f Finder) Candidates() []string {
	var out []string
	for _, c := range f.withDefaults().candidates() {
		out = append(out, c.Path)
	}
	return out
}

func (f Finder) candidates() []Located {
	var out []Located
	if dir, err := f.UserConfigDir(); err == nil && dir != "" {
		out = append(out, Located{filepath.Join(dir, "zftp", "ftp.data"), OriginUserConfig})
	}
	if home, err := f.UserHomeDir(); err == nil && home != "" {
		out = append(out, Located{filepath.Join(home, ".zftp", "ftp.data"), OriginHome})
	}
	if f.GOOS == "windows" {
		if pd := f.Getenv("ProgramData"); pd != "" {
			out = append(out, Located{filepath.Join(pd, "zftp", "ftp.data"), OriginSystem})
		}
	} else {
		out = append(out, Located{"/etc/zftp/ftp.data", OriginSystem})
	}
	return out
}

// exists reports whether path is an existing non-directory. Errors other
// than "does not exist" (permission denied, ...) are returned.
func (f Finder) exists(path string) (bool, error) {
	fi, err := f.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("FTP.DATA: %w", err)
	}
	if fi.IsDir() {
		return false, fmt.Errorf("FTP.DATA: %s is a directory", path)
	}
	return true, nil
}

func (f Finder) withDefaults() Finder {
	if f.Getenv == nil {
		f.Getenv = os.Getenv
	}
	if f.UserConfigDir == nil {
		f.UserConfigDir = os.UserConfigDir
	}
	if f.UserHomeDir == nil {
		f.UserHomeDir = os.UserHomeDir
	}
	if f.Stat == nil {
		f.Stat = os.Stat
	}
	if f.GOOS == "" {
		f.GOOS = runtime.GOOS
	}
	return f
}
