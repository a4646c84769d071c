package zos

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zftp/zftp/client"
)

// DEBUG trace names. IBM's "DEBug subcommand" page lists the options FLO,
// CMD, PAR, INT, ACC, UTL, SEC, FSC(n), SOC(n) and SQL, with ALL (every
// trace, FSC and SOC at level 1) and BAS (CMD INT FSC SOC: also -d and
// DEBUG without options), and "Interpreting FTP client output" shows the
// answer to DEBUG ALL as "EZA2923I Active client traces - FLO CMD PAR INT
// ACC UTL SEC FSC(1) SOC(1) SQL": IBM's order, levels in parentheses.
//
// EZA2923I names every trace the options turn on, as IBM's does (DEBUG
// FLO answers "EZA2923I Active client traces - FLO"; DEBUG ALL the whole
// list above). zftp has trace points for five of them:
//
//   - CMD: each command sent and each reply received;
//   - INT: connecting, connected;
//   - SEC: the TLS steps (ClientHello sent, version and cipher chosen,
//     the server's certificate chain and its verification, the reason of
//     a failure or an alert), CCC;
//   - FSC: transfers started and finished;
//   - SOC: the data connections' TLS handshakes (with SEC).
//
// FLO, PAR, ACC, UTL and SQL are accepted and shown as on (an FTP.DATA
// written for z/OS keeps working, and its EZA2923I line reads as z/OS
// writes it), and trace nothing; engine warnings are traced under any
// option.

// traceOrder is IBM's order of the trace names.
var traceOrder = []string{"FLO", "CMD", "PAR", "INT", "ACC", "UTL", "SEC", "FSC", "SOC", "SQL"}

// activeTraces returns the traces the DEBUG options opts turn on, in
// IBM's order, FSC and SOC with their level: the text of EZA2923I ("NONE"
// for none).
func activeTraces(opts []string) string {
	level := map[string]string{}
	on := func(name, lvl string) {
		if slices.Contains(traceOrder, name) {
			level[name] = lvl
		}
	}
	for _, o := range opts {
		name, lvl := splitTraceLevel(o)
		switch name {
		case "ALL":
			for _, t := range traceOrder {
				on(t, "1")
			}
		case "BAS":
			for _, t := range []string{"CMD", "INT", "FSC", "SOC"} {
				on(t, "1")
			}
		default:
			on(name, lvl)
		}
	}
	var names []string
	for _, t := range traceOrder {
		lvl, ok := level[t]
		switch {
		case !ok:
		case t == "FSC" || t == "SOC":
			names = append(names, t+"("+lvl+")")
		default:
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		return "NONE"
	}
	return strings.Join(names, " ")
}

// splitTraceLevel splits "FSC(2)" into "FSC" and "2"; the level is "1"
// when none is given.
func splitTraceLevel(o string) (name, level string) {
	o = strings.ToUpper(o)
	if i := strings.IndexByte(o, '('); i > 0 && strings.HasSuffix(o, ")") {
		return o[:i], o[i+1 : len(o)-1]
	}
	return o, "1"
}

// traceClass returns the trace an event belongs to, or "" for one traced
// under any option (warnings).
func traceClass(e client.Event) string {
	switch e := e.(type) {
	case client.Connecting, client.Connected:
		return "INT"
	case client.CommandSent, client.ReplyReceived:
		return "CMD"
	case client.TLSStarted:
		return tlsClass(e.Conn)
	case client.TLSHandshake:
		return tlsClass(e.Conn)
	case client.TLSFailed:
		return tlsClass(e.Conn)
	case client.ControlCleared:
		return "SEC"
	case client.TransferStarted, client.TransferFinished:
		return "FSC"
	}
	return ""
}

// tlsClass: every TLS step is SEC's; the data connections' are also
// SOC's (traceOn checks both).
func tlsClass(conn string) string {
	if conn == "data" {
		return "SEC|SOC"
	}
	return "SEC"
}

// traceOn reports whether the DEBUG options opts trace e.
func traceOn(opts []string, e client.Event) bool {
	class := traceClass(e)
	if class == "" {
		return true
	}
	active := activeTraces(opts)
	for _, c := range strings.Split(class, "|") {
		for _, name := range strings.Fields(active) {
			if n, _ := splitTraceLevel(name); n == c {
				return true
			}
		}
	}
	return false
}

// tlsTraceLines returns the SEC trace lines of a TLS event: the steps of
// a handshake, and the reason of a failure.
func tlsTraceLines(e client.Event) []string {
	switch e := e.(type) {
	case client.TLSStarted:
		return []string{fmt.Sprintf("SEC: %s connection: ClientHello sent (server name %s)", e.Conn, e.ServerName)}
	case client.TLSHandshake:
		l := []string{fmt.Sprintf("SEC: %s connection: %s with %s chosen, resumed %t", e.Conn, e.Protocol, e.Cipher, e.Resumed)}
		for i, c := range e.Chain {
			l = append(l, fmt.Sprintf("SEC: %s connection: server certificate %d: %q (issuer %q)", e.Conn, i, c.Subject.String(), c.Issuer.String()))
		}
		if len(e.Chain) > 0 {
			l = append(l, fmt.Sprintf("SEC: %s connection: server certificate chain verified", e.Conn))
		}
		return l
	case client.TLSFailed:
		return []string{fmt.Sprintf("SEC: %s connection: TLS handshake failed: %s", e.Conn, describe(e.Err))}
	}
	return nil
}
