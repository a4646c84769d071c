package client

import (
	"errors"
	"fmt"
	"net"
	"time"
)

// dataAndStart opens a passive data connection with dv (PASV or EPSV)
// and starts the transfer command verb arg, the two commands sent
// together: the server answers dv, then takes the transfer command once
// the client has connected, so that a file costs one round trip fewer.
// transfer uses it once dv has opened a data connection on this session
// (dataOK), and sends the command again on its own when its first reply
// is a refusal (4xx, before any data moved): Twisted 22.4 fails a STOR
// sent together with its PASV (426): its DTP.connectionMade fires the
// PASV's deferred, which runs the waiting STOR at once, before it sets
// the DTP's receive buffer (a TypeError in registerConsumer); the session
// then sends its transfer commands one at a time. Not in active mode:
// pyftpdlib 1.5.7 connects to the client when it reads PORT, and given
// PORT and RETR together sent a 226 for a data connection that carried
// nothing (0 of 1200 bytes). Every server of the interop suite takes
// RETR, LIST, NLST and (but Twisted) STOR with PASV (docs/interop.md,
// "pipelined").
//
// A refused dv is rare then, and leaves the transfer command refused too
// (no data connection is made): its reply is read here to keep the
// control connection in step. Events come in the order of a serial
// exchange.
func (s *Session) dataAndStart(dv, verb, arg string) (*pendingData, *Reply, error) {
	line, err := commandLine(verb, arg)
	if err != nil {
		return nil, nil, err
	}
	sent := time.Now()
	if err := s.ctl.sendBatch([]string{dv, line}); err != nil {
		return nil, nil, s.fail(err)
	}
	s.ctl.reportSent(dv)
	r, err := s.ctl.readFinal()
	wait := time.Since(sent) // a round trip and the server's passive setup
	if err != nil {
		return nil, nil, s.fail(err) // the first reply: waited for as when sent alone
	}
	code := 227
	if dv == "EPSV" {
		code = 229
	}
	var pd *pendingData
	dialed := false // the passive reply was good: derr, if any, is the connect's
	derr := checkReply(dv, r, []int{code})
	if derr == nil {
		var addr *net.TCPAddr
		if addr, derr = s.passiveTarget(dv, r); derr == nil {
			dialed = true
			pd, derr = s.dialPassiveAddr(dv, addr)
		}
	}
	var st *dataStart
	if derr == nil {
		st = s.startData(pd.conn, s.sendEarly, s.readEarly(verb, s.notePassive(wait))) // earlystart.go
	}
	s.ctl.reportSent(line)
	if derr != nil {
		r2, err := s.ctl.readFinal()
		if err != nil {
			return nil, nil, s.fail(fmt.Errorf("%s: no reply after %v: %w", upper(verb), derr, pipelinedWait(err)))
		}
		if c := r2.Code / 100; c == 4 || c == 5 {
			if dialed {
				// The server refused the command and closed its passive
				// port before the client connected: the refusal is the
				// outcome, as when the command goes on its own.
				return nil, nil, &ReplyError{Command: verb, Reply: r2}
			}
			if dv == "EPSV" && s.fallBackFromEPSV(derr) {
				// EPSV had worked, on this session or (Settings.Passive)
				// on another one, which a load balancer may have sent to
				// another server: this one refuses it, and the transfer
				// goes on with PASV as when EPSV is refused alone.
				return nil, nil, errEPSVFellBack
			}
		}
		return nil, nil, derr
	}
	first, err := s.ctl.read()
	if st.finish(s, pd, first, err != nil) {
		s.started = st // runData and download take it
	}
	if err != nil {
		pd.abort()
		return nil, nil, s.fail(pipelinedWait(err))
	}
	return pd, first, nil
}

// errEPSVFellBack tells openAndStart that the EPSV sent together with the
// transfer command was refused, and the transfer command with it, and that
// the session now uses PASV: the transfer starts again that way.
var errEPSVFellBack = errors.New("EPSV refused; using PASV")

// pipelinedWait marks a timed-out wait for the reply to a command that
// went out together with others as ErrPipelinedNoReply.
func pipelinedWait(err error) error {
	if isTimeout(err) {
		return fmt.Errorf("%w: %w", ErrPipelinedNoReply, err)
	}
	return err
}
