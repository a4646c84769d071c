package client

import (
	"context"
	"fmt"
)

// Settings is the state Apply brings a session to. A zero field leaves
// that part of the session as it is.
type Settings struct {
	// Type is the transfer type (TYPE), sent when it is not the current one.
	Type TransferType
	// Protection is the data protection level: 'P' (private) or 'C'
	// (clear), sent with PBSZ 0 first (once) when it is not the current
	// level. 'C' on a session without TLS sends nothing: its data is clear.
	Protection byte
	// Features asks FEAT when the session has not asked it yet; the list is
	// kept as Features returns it (a refused FEAT means none).
	Features bool
	// Dir is the remote directory (CWD), always sent when set.
	Dir string
	// Site lists the arguments of SITE commands sent after Dir, in order,
	// each to be accepted (2xx): server parameters that another session of
	// the same login has set and this one must share (z/OS's RECFM, LRECL
	// or FILETYPE, UMASK elsewhere).
	Site []string
	// Passive is the passive command, PASV or EPSV, that has opened data
	// connections on another session to the same server with the same
	// login (Session.PassiveCommand): this session's transfers then send
	// it together with their transfer command from the first one on, as
	// they do once a passive command of their own has worked. Nothing is
	// sent for it, and it is ignored once the session knows its own.
	Passive string
	// Alive sends NOOP after the other commands, so that the exchange
	// shows that the server still holds the session (one that has ended
	// it, after its idle timeout, answers 421 or not at all), even when
	// nothing else is to be sent.
	Alive bool
}

// Apply brings the session to st in one exchange: the commands st needs
// are sent back to back and their replies read in order, so that they cost
// one round trip instead of one each. RFC 959's sequencing has the client
// wait for each reply; RFC 1123 (section 4.1.2.10) has a server take a
// read that holds more than one command, and answering them in turn is
// what every server of the interop suite does with these (docs/interop.md,
// "pipelined"). With Config.NoPipelining they go one after the other and
// the first refusal ends the exchange. Events are reported in the order of
// a serial exchange: each command just before its reply.
//
// Pipelined, every reply is read, also after a refusal, and the settings
// whose reply was positive are applied; the first refusal is returned (a
// refused PBSZ or PROT P as Prot returns it, which leaves the session
// refusing transfers).
func (s *Session) Apply(ctx context.Context, st Settings) error {
	defer s.begin(ctx)()
	return s.apply(st)
}

// LoginAndApply logs in as Login does and then brings the session to st
// as Apply does. The settings the login itself makes (the configured data
// protection and transfer type) join st in the same exchange, so that
// after the server accepts the password the session is ready in one more
// round trip; where st names a type or protection, st's wins.
func (s *Session) LoginAndApply(ctx context.Context, user, password, account string, st Settings) error {
	defer s.begin(ctx)()
	s.loginApply = &st
	defer func() { s.loginApply = nil }()
	return s.Login(ctx, user, password, account)
}

// withLoginSettings adds to st what a login sets where st leaves it: the
// configured data protection (with TLS) and the configured transfer type.
func (s *Session) withLoginSettings(st Settings) Settings {
	if lvl := s.cfg.Security.DataProtection.level(); st.Protection == 0 && s.sec.on && lvl != 0 {
		st.Protection = lvl
	}
	if st.Type == "" {
		st.Type = s.loginType()
	}
	return st
}

// piped is one command of a pipelined exchange: its line, the reply codes
// it expects (as expect takes them) and what its reply does to the session.
type piped struct {
	verb, args string
	codes      []int
	done       func(r *Reply, err error) error
}

// apply is Apply within the running call.
func (s *Session) apply(st Settings) error {
	switch st.Passive {
	case "":
	case "PASV", "EPSV":
		if s.dataOK == "" {
			s.setPassiveOK(st.Passive)
		}
	default:
		return fmt.Errorf("settings: passive command %q: want PASV or EPSV", st.Passive)
	}
	cmds, err := s.settingsCommands(st)
	if err != nil {
		return err
	}
	_, err = s.exchange(cmds, true)
	return err
}

// settingsCommands lists the commands that bring the session to st.
func (s *Session) settingsCommands(st Settings) ([]piped, error) {
	var cmds []piped
	if lvl := st.Protection; lvl != 0 && lvl != s.protLevel() {
		if lvl != 'C' || s.sec.on {
			pc, err := s.protCommands(lvl)
			if err != nil {
				return nil, err
			}
			cmds = append(cmds, pc...)
		}
	}
	if st.Type != "" && st.Type != s.typ {
		t := st.Type
		cmds = append(cmds, piped{verb: "TYPE", args: string(t), codes: []int{2},
			done: func(_ *Reply, err error) error {
				if err == nil {
					s.typ = t
				}
				return err
			}})
	}
	if st.Features && s.feats == nil {
		cmds = append(cmds, piped{verb: "FEAT", codes: []int{211},
			done: func(r *Reply, err error) error {
				if err != nil && ReplyCode(err)/100 != 5 {
					return err
				}
				s.feats = Features{}
				if err == nil {
					s.feats = parseFeatures(r)
				}
				return nil
			}})
	}
	if st.Dir != "" {
		cmds = append(cmds, piped{verb: "CWD", args: st.Dir, codes: []int{2}})
	}
	for _, a := range st.Site {
		cmds = append(cmds, piped{verb: "SITE", args: a, codes: []int{2}})
	}
	if st.Alive {
		cmds = append(cmds, piped{verb: "NOOP", codes: []int{2},
			done: func(_ *Reply, err error) error {
				if ReplyCode(err)/100 == 5 {
					return nil // it answered: the session is there (NOOP is RFC 959's minimum, but)
				}
				return err
			}})
	}
	return cmds, nil
}

// protLevel is the data protection in force: 'C' until a PROT said
// otherwise (RFC 4217 section 9).
func (s *Session) protLevel() byte {
	if s.sec.prot == 0 {
		return 'C'
	}
	return s.sec.prot
}

// protCommands are PBSZ 0 (once per session) and PROT level, with what
// prot does with their replies.
func (s *Session) protCommands(level byte) ([]piped, error) {
	if !s.sec.on {
		return nil, fmt.Errorf("PROT %c: %w", level, ErrNotProtected)
	}
	refused := func(err error) error {
		if level == 'P' && s.usable() == nil {
			err = fmt.Errorf("%w: %w", ErrProtectionRefused, err)
			s.sec.refused = err
		}
		return err
	}
	var cmds []piped
	pbszFailed := false
	if !s.sec.pbsz {
		cmds = append(cmds, piped{verb: "PBSZ", args: "0", codes: []int{2},
			done: func(_ *Reply, err error) error {
				if err != nil {
					pbszFailed = true
					return refused(err)
				}
				s.sec.pbsz = true
				return nil
			}})
	}
	cmds = append(cmds, piped{verb: "PROT", args: string(level), codes: []int{2},
		done: func(_ *Reply, err error) error {
			if pbszFailed {
				return nil // PBSZ's refusal is the one returned
			}
			if err != nil {
				return refused(err)
			}
			s.sec.prot, s.sec.refused = level, nil
			return nil
		}})
	return cmds, nil
}

// exchange runs cmds, each reply checked as expect checks it and handed
// to the command's done. Together, the commands go out in one write and
// every reply is read, also after a refusal (the server answers each
// command it was sent); one after another, the first refusal ends the
// exchange before the next command. A transport error ends the session's
// use, as in cmd. It returns the last reply read and the first error.
func (s *Session) exchange(cmds []piped, together bool) (*Reply, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	lines := make([]string, len(cmds))
	for i, c := range cmds {
		l, err := commandLine(c.verb, c.args)
		if err != nil {
			return nil, err
		}
		lines[i] = l
	}
	together = together && len(lines) > 1 && !s.cfg.NoPipelining
	if together {
		if err := s.ctl.sendBatch(lines); err != nil {
			return nil, s.fail(err)
		}
	}
	var last *Reply
	var first error
	for i, c := range cmds {
		if together {
			s.ctl.reportSent(lines[i])
		} else if err := s.ctl.sendLine(lines[i]); err != nil {
			return last, s.fail(err)
		}
		r, err := s.ctl.readFinal()
		if err != nil {
			if together && i > 0 { // the first reply is waited for as when sent alone
				err = pipelinedWait(err)
			}
			return last, s.fail(err)
		}
		last = r
		err = checkReply(c.verb, r, c.codes)
		if c.done != nil {
			err = c.done(r, err)
		}
		if err != nil && first == nil {
			first = err
			if !together {
				break
			}
		}
	}
	return last, first
}

// checkReply is expect's check of a final reply: class 4 or 5 is a
// *ReplyError; a positive code not in codes is ErrUnexpectedReply.
func checkReply(verb string, r *Reply, codes []int) error {
	if !r.Positive() {
		return &ReplyError{Command: upper(verb), Reply: r}
	}
	for _, c := range codes {
		if r.Code == c || (c < 10 && r.Code/100 == c) {
			return nil
		}
	}
	return fmt.Errorf("%w: %w", ErrUnexpectedReply, &ReplyError{Command: upper(verb), Reply: r})
}

// parseFeatures reads the features of a 211 FEAT reply.
func parseFeatures(r *Reply) Features { return featureMap(featureLines(r)) }
