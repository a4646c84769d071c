package zos

import (
	"context"
	"errors"
	"net"
	"os"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Timeouts as the z/OS client reports them: EZA2589E "Connection to
// server interrupted or timed out." with the operation whose timer
// expired (IBM, IP Diagnosis Guide, "Values and explanations for operation
// in EZA2589E": one operation per timer, e.g. Initial Connection for
// MYOPENTIME), and EZA1721W "Server not responding, closing connection"
// when the session is given up (IBM technote swg21080868 "FTP PUT/GET
// Fails to Complete with an interrupted, timed out, or not responding
// condition": EZA2589E or EZA1721W when DATACTTIME expires).

// The EZA2589E operations zftp reports. The first two are IBM's (the
// Diagnosis Guide's table, timer MYOPENTIME); the data connection's is
// zftp's wording for DATACTTIME, whose entry of IBM's table could not be
// retrieved (docs/zos-differences.md).
const (
	opInitial     = "Initial Connection"
	opInitialIPv6 = "Initial IPv6 connection"
	opData        = "Data connection"
)

// isTimeout reports whether err is a timeout: a network deadline or a
// context deadline.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded)
}

// initialOperation is the EZA2589E operation of a timeout while OPEN waits
// for the connection or the 220 greeting (MYOPENTIME): "Initial IPv6
// connection" when the server's address is IPv6, else "Initial
// Connection".
func initialOperation(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) {
		if a, ok := oe.Addr.(*net.TCPAddr); ok && a.IP.To4() == nil && a.IP.To16() != nil {
			return opInitialIPv6
		}
	}
	return opInitial
}

// reportTimeout prints EZA2589E for a timeout of a data connection
// (DATACTTIME) and reports whether it did; other failures print nothing
// here.
func (a *Interpreter) reportTimeout(err error) bool { return reportTimeout(a.out, err) }

// reportTimeout is Interpreter.reportTimeout into out (a job's transcript).
func reportTimeout(out *transcript.Writer, err error) bool {
	if !errors.Is(err, client.ErrDataIdle) {
		return false
	}
	out.Printf(transcript.MsgTimedOut, opData)
	return true
}

// connectionLost tells that the session was dropped: EZA1721W when the
// server stopped answering (a timeout), ZFT0112E otherwise.
func (a *Interpreter) connectionLost(err error) {
	if isTimeout(err) {
		a.out.Printf(transcript.MsgNotResponding)
		return
	}
	a.out.Printf(transcript.MsgConnectionLost, "the session is closed")
}
