package main

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

// historyLimit is how many subcommand lines the interactive history keeps,
// in the line editor and in the history file.
const historyLimit = 1000

// historyPath returns the history file of interactive sessions:
// zftp/history under the user's configuration directory
// (os.UserConfigDir: $XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/
// Application Support on macOS, %AppData% on Windows).
func historyPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "zftp", "history"), nil
}

// historyFile is the history kept on disk between interactive sessions:
// one subcommand line per line, oldest first, readable by its owner only
// (0600 in a 0700 directory). Only lines keepInHistory accepts are written
// to it, and only those are read back.
type historyFile struct {
	path  string
	limit int
}

// load returns the lines of the file, at most limit of them (the newest).
// A missing file is an empty history. A file that holds more than limit
// lines, or lines keepInHistory refuses (written by hand or by another
// program), is rewritten without them; a file others can read is made
// private (Unix; Windows has no such mode bits). The file is closed
// before it is rewritten: Windows refuses to rename over a file that is
// still open.
func (h *historyFile) load() ([]string, error) {
	lines, dropped, mode, err := h.read()
	if lines == nil && err == nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(lines) > h.limit {
		lines = lines[len(lines)-h.limit:]
		dropped = true
	}
	if dropped {
		if err := h.rewrite(lines); err != nil {
			return lines, err
		}
	} else if runtime.GOOS != "windows" && mode.Perm()&0o077 != 0 {
		if err := os.Chmod(h.path, 0o600); err != nil {
			return lines, err
		}
	}
	return lines, nil
}

// read returns the lines of the file that keepInHistory accepts, whether
// it dropped any, and the file's mode; the file is closed when it
// returns. A missing file gives no lines and no error.
func (h *historyFile) read() (lines []string, dropped bool, mode fs.FileMode, err error) {
	f, err := os.Open(h.path)
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
		if !keepInHistory(line) {
			dropped = true
			continue
		}
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		return nil, false, 0, fmt.Errorf("read %s: %w", h.path, err)
	}
	return lines, dropped, mode, nil
}

// add appends line to the file, creating the file (0600) and its
// directory (0700) when needed. Lines keepInHistory refuses are not
// written.
func (h *historyFile) add(line string) error {
	if !keepInHistory(line) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
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
func (h *historyFile) rewrite(lines []string) error {
	dir := filepath.Dir(h.path)
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
		err = os.Rename(tmp.Name(), h.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// keepInHistory reports whether an interactive subcommand line may be kept
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
func keepInHistory(line string) bool {
	if strings.TrimLeft(line, " \t") == "" || line[0] == ' ' || line[0] == '\t' {
		return false
	}
	return !zos.HoldsCredentials(line)
}
