package zos

import (
	"fmt"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// An FTP.DATA statement with a bad value is not fatal on z/OS: IBM's
// sample output ("Interpreting FTP client output") shows
// "EZYFT46E Error in 'USER1.FTP.DATA' file: line 580 near column 11." and
// the session goes on (EZA1450I, EZA1554I Connecting to ...) with the
// other statements and the defaults. zftp does the same unless
// --strict-ftpdata asks for the old rule (exit 7 before connecting). The
// rule itself is config.LoadFTPDataLenient.

// printFTPDataErrors writes EZYFT46E for each bad statement, with the
// reason as zftp's note after it (z/OS gives file, line and column only).
func printFTPDataErrors(out *transcript.Writer, errs []*config.ParseError) {
	for _, pe := range errs {
		out.Printf(transcript.MsgConfigError, pe.File, pe.Line, pe.Column)
		out.Printf(transcript.MsgConfigErrorReason, fmt.Sprintf("%s:%d: %v; the statement is ignored", pe.File, pe.Line, pe.Err))
	}
}
