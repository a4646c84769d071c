package zos

import (
	"fmt"
	"io"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// The DEBUG trace (-d, DEBUG): engine events written to stderr, one line
// each, prefixed "ZFT trace:", escaped as server text is. Commands carry
// no password (the engine removes PASS's argument, and the trace removes
// the argument of any PASS, as quote sends it too; ACCT is shown, as IBM
// shows it); TLS events name the protocol, the cipher suite and whether the
// session was resumed, never key material, which no event carries.

// traceLine returns the trace line of an event, or "" for none.
func traceLine(e client.Event) string {
	switch e := e.(type) {
	case client.Connecting:
		return fmt.Sprintf("connecting to %s (%s) port %d", e.Host, e.Addr, e.Port)
	case client.Connected:
		return fmt.Sprintf("connected: local %s, remote %s", e.Local, e.Remote)
	case client.CommandSent:
		switch l := transcript.MaskCommand(e.Line); l {
		case "PASS":
			return "sent: PASS (password not shown)"
		default:
			return "sent: " + l
		}
	case client.ReplyReceived:
		if e.Reply == nil {
			return ""
		}
		return fmt.Sprintf("reply %d (%d line(s))", e.Reply.Code, len(e.Reply.Lines))
	case client.TLSStarted, client.TLSHandshake, client.TLSFailed:
		return strings.Join(tlsTraceLines(e), "\n")
	case client.ControlCleared:
		return "CCC: TLS taken off the control connection (" + cccTrace(e.Mode) + ")"
	case client.TransferStarted:
		return fmt.Sprintf("transfer started: %s %s", e.Command, e.Name)
	case client.TransferFinished:
		return fmt.Sprintf("transfer finished: %s %s, %s in %s", e.Command, e.Name, counted(e.Bytes, "byte"), e.Duration)
	}
	if text, ok := transcript.WarningText(e); ok {
		return "warning: " + text
	}
	return ""
}

// cccTrace names the TLSRFCLEVEL of a CCC mode and says what it did.
func cccTrace(m client.CCCMode) string {
	if m == client.CCCNoNotify {
		return string(config.RFCLevelOf(m)) + ": no close_notify"
	}
	return string(config.RFCLevelOf(m)) + ": close_notify exchanged"
}

// writeTrace writes the trace lines of e to w when the DEBUG options
// opts trace it (see activeTraces). Each line goes through
// transcript.Escape: commands, names and warnings may hold server text.
func writeTrace(w io.Writer, opts []string, e client.Event) {
	if !traceOn(opts, e) {
		return
	}
	if l := traceLine(e); l != "" {
		for _, line := range strings.Split(l, "\n") {
			fmt.Fprintf(w, "ZFT trace: %s\n", transcript.Escape(line))
		}
	}
}
