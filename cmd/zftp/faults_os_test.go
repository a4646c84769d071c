package main

import (
	"regexp"
	"strings"

	"github.com/zftp/zftp/internal/platformtest"
)

// wineFaultMessages are the fault rows whose failure wine 8.0's sockets
// report in other words than Linux and Windows do, each with the
// message the row expects under wine and why. The exit status, the error
// code and the session state the row checks stay the same.
var wineFaultMessages = map[string]string{
	// The control connection is reset mid-transfer: wine's recv reports
	// the end of the stream (EOF) where Linux and Windows report a reset.
	"rst_mid_transfer": `ZFT0110E RETR f.bin: (final reply|data connection): (.*` + platformtest.Words(platformtest.ConnReset) + `|EOF)\nZFT0112E`,
	// The data connection is reset mid-transfer. Under wine the reset
	// comes either before the client's accept completes (wine's AcceptEx
	// then fails with WSAENOTCONN, 10057, where Go on Windows passes over
	// a reset connection) or as the end of the stream, which the size
	// check reports as a short file (ZFT0130E). Either way a network
	// failure (error code 10), not a local write error.
	"data_reset_binary_get_quiet": `ZFT0110E RETR f.bin: .*(` + platformtest.Words(platformtest.ConnReset) + `|acceptex: winapi error #10057)|` +
		`ZFT0130E f.bin: received \d+ bytes, the server gives the size as 1048576`,
}

// osFaultMessage returns the regular expression the transcript of fault
// row name must match on this OS: msg with the Unix words of errors
// (connection reset by peer, connection refused) matching this OS's words
// too, or the row's wine message under wine.
func osFaultMessage(name, msg string) *regexp.Regexp {
	if m, ok := wineFaultMessages[name]; ok && platformtest.UnderWine() {
		return regexp.MustCompile(m)
	}
	for _, w := range []string{platformtest.ConnReset, platformtest.ConnRefused, platformtest.NoSuchFile} {
		msg = strings.ReplaceAll(msg, w, platformtest.Words(w))
	}
	return regexp.MustCompile(msg)
}
