package config

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/zftp/zftp/internal/boundedfile"
	"github.com/zftp/zftp/transcript"
)

// maxLine bounds one FTP.DATA line; a longer line is an error.
const maxLine = 64 * 1024

// MaxFTPDataSize bounds the FTP.DATA file: 1 MiB.
const MaxFTPDataSize = boundedfile.MaxSize

// LoadFTPData applies the FTP.DATA file at path to s; see ApplyFTPData.
// The file must be a regular file of at most MaxFTPDataSize bytes: a
// device, a FIFO or a larger file is refused at once (the error wraps
// boundedfile.ErrNotRegular or ErrTooLarge), without reading it. A UTF-8
// byte order mark is removed and UTF-16 with one decoded; UTF-16 without
// one is refused (textenc.ErrEncoding).
func (s *Settings) LoadFTPData(path string) ([]Warning, error) {
	data, _, err := boundedfile.ReadText(path, MaxFTPDataSize)
	if err != nil {
		return nil, fmt.Errorf("FTP.DATA: %w", err)
	}
	return s.ApplyFTPData(path, bytes.NewReader(data))
}

// ApplyFTPData reads FTP.DATA statements from r and applies them to s. file
// is the name used in warnings and errors.
//
// Syntax (z/OS): one statement per line, "STATEMENT value", keywords and
// keyword values case-insensitive; ';' starts a comment; blank lines are
// skipped. A later statement overrides an earlier one, except CIPHERSUITE,
// which appends, and DEBUG, which adds (DEBUG NONE clears). Unknown,
// z/OS-only and server-only statements produce warnings; EZYFT47I warnings
// are dropped when the settings end up with SUPPRESSIGNOREWARNINGS TRUE,
// wherever the file sets it. The first bad value stops reading with a
// *ParseError and leaves s unchanged.
func (s *Settings) ApplyFTPData(file string, r io.Reader) ([]Warning, error) {
	w, _, err := s.applyFTPData(file, r, false)
	return w, err
}

// MaxFTPDataErrors bounds how many bad statements LoadFTPDataLenient
// skips; a file with more is not an FTP.DATA file.
const MaxFTPDataErrors = 100

// LoadFTPDataLenient is LoadFTPData with z/OS's rule for bad values (IBM
// "Interpreting FTP client output": EZYFT46E, then the session goes on):
// each statement with a bad value is skipped and returned as a
// *ParseError, in line order, and the others are applied. More than
// MaxFTPDataErrors bad statements, or a file that cannot be read, is an
// error (the *ParseError of the one too many, or the read error) and
// leaves s unchanged.
func (s *Settings) LoadFTPDataLenient(path string) ([]Warning, []*ParseError, error) {
	data, _, err := boundedfile.ReadText(path, MaxFTPDataSize)
	if err != nil {
		return nil, nil, fmt.Errorf("FTP.DATA: %w", err)
	}
	return s.applyFTPData(path, bytes.NewReader(data), true)
}

// applyFTPData applies the statements of r to s. A bad value ends it with
// its *ParseError, leaving s unchanged, unless lenient, where it is
// skipped and collected (see LoadFTPDataLenient).
func (s *Settings) applyFTPData(file string, r io.Reader, lenient bool) ([]Warning, []*ParseError, error) {
	work := s.Clone()
	var warnings []Warning
	var bad []*ParseError
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLine)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, ';'); i >= 0 {
			text = text[:i]
		}
		fields, cols := splitFields(text)
		if len(fields) == 0 {
			continue
		}
		stmt := strings.ToUpper(fields[0])
		warn := func(id transcript.ID, msg string) {
			warnings = append(warnings, Warning{File: file, Line: line, ID: id, Statement: stmt, Text: msg})
		}
		st := lookupStatement(stmt)
		switch {
		case st == nil:
			warn(IDUnknownStatement, fmt.Sprintf("unknown statement %s ignored", stmt))
			continue
		case st.Status == Ignored:
			warn(IDNoEffect, fmt.Sprintf("statement %s has no effect on this platform", stmt))
			continue
		case st.Status == ServerOnly:
			warn(IDIgnoredServerStatement, fmt.Sprintf("statement %s is a server statement and is ignored by the client", stmt))
			continue
		}
		v, err := st.normalize(fields[1:])
		if err != nil {
			col := cols[0]
			if len(cols) > 1 {
				col = cols[1]
			}
			pe := &ParseError{File: file, Line: line, Column: col, Statement: stmt, Err: err}
			if !lenient || len(bad) == MaxFTPDataErrors {
				return nil, bad, pe
			}
			bad = append(bad, pe)
			continue
		}
		if msg := st.set(work, v); msg != "" {
			warn(IDValueNote, msg)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, bad, fmt.Errorf("%s:%d: reading FTP.DATA: %w", file, line+1, err)
	}
	if work.SuppressIgnoreWarnings {
		kept := warnings[:0]
		for _, w := range warnings {
			if w.ID != IDIgnoredServerStatement {
				kept = append(kept, w)
			}
		}
		warnings = kept
	}
	*s = *work
	return warnings, bad, nil
}

// splitFields splits text at blanks and tabs and returns the fields with
// their 1-based byte columns.
func splitFields(text string) (fields []string, cols []int) {
	i := 0
	for i < len(text) {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
			i++
		}
		if i >= len(text) {
			break
		}
		start := i
		for i < len(text) && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' {
			i++
		}
		fields = append(fields, text[start:i])
		cols = append(cols, start+1)
	}
	return fields, cols
}

// Set applies one statement given by name and value, as a command-line
// flag does (for example "-e" is Set("CLIENTEXIT", "TRUE")). The name must
// be a supported statement; warnings carry no file.
func (s *Settings) Set(statement, value string) ([]Warning, error) {
	st := lookupStatement(statement)
	if st == nil || st.Status != Supported {
		return nil, fmt.Errorf("%w: %s", ErrUnknownStatement, strings.ToUpper(statement))
	}
	v, err := st.normalize(strings.Fields(value))
	if err != nil {
		return nil, err
	}
	if msg := st.set(s, v); msg != "" {
		return []Warning{{ID: IDValueNote, Statement: st.Name, Text: msg}}, nil
	}
	return nil, nil
}

// Get returns the current value of a supported statement in FTP.DATA
// syntax, and false for an unknown or unsupported statement.
func (s *Settings) Get(statement string) (string, bool) {
	st := lookupStatement(statement)
	if st == nil || st.Status != Supported {
		return "", false
	}
	return st.get(s), true
}
