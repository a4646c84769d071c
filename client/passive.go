package client

import "fmt"

// passiveAndStart opens a passive data connection with pv (PASV or EPSV)
// and starts the transfer command verb arg, the two commands sent
// together: the server answers pv, and takes the transfer command once
// the data connection is made, so that a file costs one round trip fewer.
// transfer uses it for downloads and listings once pv has opened a data
// connection on this session (passiveOK). Not for uploads: Twisted 22.4
// fails a STOR sent together with its PASV (426, a TypeError in its
// DTP's registerConsumer), while every server of the interop suite takes
// RETR, LIST and NLST so. A server that refuses pv then is rare, and its refusal
// leaves the transfer command refused too (no data connection is made), a
// reply that is read here to keep the control connection in step. Events
// come in the order of a serial exchange.
func (s *Session) passiveAndStart(pv, verb, arg string) (*pendingData, *Reply, error) {
	line, err := commandLine(verb, arg)
	if err != nil {
		return nil, nil, err
	}
	if err := s.ctl.sendBatch([]string{pv, line}); err != nil {
		return nil, nil, s.fail(err)
	}
	s.ctl.reportSent(pv)
	r, err := s.ctl.readFinal()
	if err != nil {
		return nil, nil, s.fail(pipelinedWait(err))
	}
	code := 227
	if pv == "EPSV" {
		code = 229
	}
	var pd *pendingData
	perr := checkReply(pv, r, []int{code})
	if perr == nil {
		pd, perr = s.dialPassive(pv, r)
	}
	s.ctl.reportSent(line)
	if perr != nil {
		if _, err := s.ctl.readFinal(); err != nil {
			return nil, nil, s.fail(fmt.Errorf("%s: no reply after %v: %w", upper(verb), perr, pipelinedWait(err)))
		}
		return nil, nil, perr
	}
	first, err := s.ctl.read()
	if err != nil {
		pd.abort()
		return nil, nil, s.fail(pipelinedWait(err))
	}
	return pd, first, nil
}

// pipelinedWait marks a timed-out wait for the reply to a command that
// went out together with others as ErrPipelinedNoReply.
func pipelinedWait(err error) error {
	if isTimeout(err) {
		return fmt.Errorf("%w: %w", ErrPipelinedNoReply, err)
	}
	return err
}
