package zos

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/zftp/zftp/internal/boundedfile"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// An FTP.DATA statement with a bad value is not fatal on z/OS: IBM's
// sample output ("Interpreting FTP client output") shows
// "EZYFT46E Error in 'USER1.FTP.DATA' file: line 580 near column 11." and
// the session goes on (EZA1450I, EZA1554I Connecting to ...) with the
// other statements and the defaults. zftp does the same unless
// --strict-ftpdata asks for the old rule (exit 7 before connecting).

// maxFTPDataErrors bounds how many bad statements are reported and
// skipped; a file with more is not an FTP.DATA file.
const maxFTPDataErrors = 100

// loadFTPDataLenient applies path to cfg, skipping each statement that
// config reports as a *config.ParseError: the bad line is blanked (line
// numbers stay as they are) and the file applied again. It returns the
// warnings of the last, successful pass and the parse errors in line
// order; any other error is returned as it is.
func loadFTPDataLenient(cfg *config.Settings, path string) ([]config.Warning, []*config.ParseError, error) {
	w, err := cfg.LoadFTPData(path)
	var pe *config.ParseError
	if !errors.As(err, &pe) {
		return w, nil, err
	}
	body, rerr := rereadFTPData(path)
	if rerr != nil {
		return nil, nil, rerr
	}
	lines := bytes.Split(body, []byte("\n"))
	var bad []*config.ParseError
	for errors.As(err, &pe) {
		if len(bad) == maxFTPDataErrors || pe.Line < 1 || pe.Line > len(lines) || len(lines[pe.Line-1]) == 0 {
			return nil, bad, err
		}
		bad = append(bad, pe)
		lines[pe.Line-1] = nil
		w, err = cfg.ApplyFTPData(path, bytes.NewReader(bytes.Join(lines, []byte("\n"))))
		pe = nil
	}
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
	return w, bad, err
}

// rereadFTPData reads path again under the first read's rules
// (config.LoadFTPData): a regular file of at most config.MaxFTPDataSize
// bytes. The file may have been replaced by a FIFO, a device or a larger
// file between the two reads.
func rereadFTPData(path string) ([]byte, error) {
	body, _, err := boundedfile.Read(path, config.MaxFTPDataSize)
	if err != nil {
		return nil, fmt.Errorf("FTP.DATA: %w", err)
	}
	return body, nil
}

// printFTPDataErrors writes EZYFT46E for each bad statement, with the
// reason as zftp's note after it (z/OS gives file, line and column only).
func printFTPDataErrors(out *transcript.Writer, errs []*config.ParseError) {
	for _, pe := range errs {
		out.Printf(transcript.MsgConfigError, pe.File, pe.Line, pe.Column)
		out.Printf(transcript.MsgConfigErrorReason, fmt.Sprintf("%s:%d: %v; the statement is ignored", pe.File, pe.Line, pe.Err))
	}
}
