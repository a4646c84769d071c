// Package history keeps the subcommand lines of interactive zftp sessions
// on disk between sessions, without credentials.
package history

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/zftp/zftp/internal/zos"
)

// Limit is how many subcommand lines the interactive history keeps,
// in the line editor and in the history file.
const Limit = 1000

// Path returns the history file of interactive sessions:
// zftp/history under the user's configuration directory
// (os.UserConfigDir: $XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/
// Application Support on macOS, %AppData% on Windows).
func Path() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "zftp", "history"), nil
}

// File is the history kept on disk between interactive sessions:
// one subcommand line per line, oldest first, readable by its owner only
// (0600 in a 0700 directory). Only lines Keep accepts are written
// to it, and only those are read back.
type File struct {
	Path  string // the file
	Limit int    // most lines kept
}

// Load returns the lines of the file, at most limit of them (the newest).
// A missing file is an empty history. A file that holds more than limit
// lines, or lines Keep refuses (written by hand or by another
// program), is rewritten without them; a file others can read is made
// private (Unix; Windows has no such mode bits). The file is closed
// before it is rewritten: Windows refuses to rename over a file that is
// still open.
func (h *File) Load() ([]string, error) {
	lines, dropped, mode, err := h.read()
	if lines == nil && err == nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(lines) > h.Limit {
		lines = lines[len(lines)-h.Limit:]
		dropped = true
	}
	if dropped {
		if err := h.rewrite(lines); err != nil {
			return lines, err
		}
	} else if runtime.GOOS != "windows" && mode.Perm()&0o077 != 0 {
		if err := os.Chmod(h.Path, 0o600); err != nil {
			return lines, err
		}
	}
	return lines, nil
}

// read returns the lines of the file that Keep accepts, whether
// it dropped any, and the file's mode; the file is closed when it
// returns. A missing file gives no lines and no error.
func (h *File) read() (lines []string, dropped bool, mode fs.FileMode, err error) {
	f, err := os.Open(h.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, 0, nil
	}
	if err != nil {
		return nil, false, 0, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		mode = st.Mode()
	}
	lines = []string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), zos.MaxInputLine+2)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if !Keep(line) {
			dropped = true
			continue
		}
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, false, 0, fmt.Errorf("read %s: %w", h.Path, err)
	}
	return lines, dropped, mode, nil
}

// Add appends line to the file, creating the file (0600) and its
// directory (0700) when needed. Lines Keep refuses are not
// written.
func (h *File) Add(line string) error {
	if !Keep(line) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(h.Path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(h.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rewrite replaces the file with lines, through a private temporary file
// renamed over it.
func (h *File) rewrite(lines []string) error {
	dir := filepath.Dir(h.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".history-*") // created 0600
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), h.Path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Keep reports whether an interactive subcommand line may be kept
// in the history. It errs on the side of dropping: a line is refused when
//
//   - it is blank, or starts with a blank (as with HISTCONTROL=ignorespace,
//     a leading blank keeps any line out of the history);
//   - it may carry a user ID, a password or an account, as the subcommand
//     table says (zos.HoldsCredentials: u, pa, acc ..., quote pass ...,
//     and an unknown word such as "literal" before PASS or USER).
//
// The answers to the NAME, PASSWORD and ACCOUNT prompts are never offered
// to the history at all (see terminalSource).
func Keep(line string) bool {
	if strings.TrimLeft(line, " \t") == "" || line[0] == ' ' || line[0] == '\t' {
		return false
	}
	return !zos.HoldsCredentials(line)
}
