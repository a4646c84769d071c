package client

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

func upper(s string) string { return strings.ToUpper(s) }

// User sends USER. 230 (logged in), 331 (password needed) and 332
// (account needed) are not errors.
func (s *Session) User(ctx context.Context, name string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.loginStep(s.expect("USER", name, 230, 331, 332))
}

// loginStep sets the data protection once a reply says the user is
// logged in.
func (s *Session) loginStep(r *Reply, err error) (*Reply, error) {
	if err != nil || r.Code != 230 {
		return r, err
	}
	s.sec.loggedIn = true
	if st := s.loginApply; st != nil {
		return r, s.apply(s.withLoginSettings(*st))
	}
	if perr := s.afterLogin(); perr != nil {
		return r, fmt.Errorf("logged in, but setting data protection failed: %w", perr)
	}
	if t := s.loginType(); t != s.typ {
		if _, terr := s.setType(t); terr != nil {
			return r, fmt.Errorf("logged in, but TYPE %s failed: %w", t, terr)
		}
	}
	return r, nil
}

// Pass sends PASS. The password is never reported in events or errors.
func (s *Session) Pass(ctx context.Context, password string) (*Reply, error) {
	defer s.begin(ctx)()
	if err := checkArg(password); err != nil {
		return nil, fmt.Errorf("PASS: password: %w", ErrBadArgument)
	}
	return s.loginStep(s.expect("PASS", password, 230, 202, 332))
}

// Acct sends ACCT.
func (s *Session) Acct(ctx context.Context, account string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.loginStep(s.expect("ACCT", account, 2))
}

// Login runs the USER, PASS and ACCT exchange as the replies ask for it.
func (s *Session) Login(ctx context.Context, user, password, account string) error {
	defer s.begin(ctx)()
	r, err := s.User(ctx, user)
	if err != nil {
		return err
	}
	if r.Code == 331 {
		if r, err = s.Pass(ctx, password); err != nil {
			return err
		}
	}
	if r.Code == 332 {
		if _, err = s.Acct(ctx, account); err != nil {
			return err
		}
	}
	return nil
}

// Quote sends a raw command line (verb and arguments) and returns the final
// reply. CR, LF and NUL are refused.
func (s *Session) Quote(ctx context.Context, line string) (*Reply, error) {
	defer s.begin(ctx)()
	verb, args, _ := strings.Cut(strings.TrimSpace(line), " ")
	if verb == "" {
		return nil, fmt.Errorf("quote: empty command: %w", ErrBadArgument)
	}
	return s.cmd(verb, args)
}

// Cwd changes the remote working directory.
func (s *Session) Cwd(ctx context.Context, dir string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("CWD", dir, 2)
}

// Cdup changes to the parent of the remote working directory.
func (s *Session) Cdup(ctx context.Context) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("CDUP", "", 2)
}

// Pwd returns the remote working directory parsed from the 257 reply.
func (s *Session) Pwd(ctx context.Context) (string, *Reply, error) {
	defer s.begin(ctx)()
	r, err := s.expect("PWD", "", 257)
	if err != nil {
		return "", r, err
	}
	dir, err := ParsePathReply(r.Text())
	return dir, r, err
}

// Mkdir creates a remote directory.
func (s *Session) Mkdir(ctx context.Context, dir string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("MKD", dir, 2)
}

// Rmdir removes a remote directory.
func (s *Session) Rmdir(ctx context.Context, dir string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("RMD", dir, 2)
}

// Delete deletes a remote file.
func (s *Session) Delete(ctx context.Context, name string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("DELE", name, 2)
}

// Rename renames a remote file with RNFR and RNTO. The reply returned is
// RNTO's, or RNFR's when that failed.
func (s *Session) Rename(ctx context.Context, from, to string) (*Reply, error) {
	defer s.begin(ctx)()
	if err := checkArg(to); err != nil {
		return nil, err
	}
	if r, err := s.expect("RNFR", from, 350); err != nil {
		return r, err
	}
	return s.expect("RNTO", to, 2)
}

// Site sends SITE with the given arguments.
func (s *Session) Site(ctx context.Context, args string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("SITE", args, 2)
}

// Size returns the size of a remote file from the 213 reply to SIZE.
func (s *Session) Size(ctx context.Context, name string) (int64, *Reply, error) {
	defer s.begin(ctx)()
	return s.size(name)
}

// size is Size within the running call.
func (s *Session) size(name string) (int64, *Reply, error) {
	r, err := s.expect("SIZE", name, 213)
	if err != nil {
		return -1, r, err
	}
	n, perr := strconv.ParseInt(strings.TrimSpace(r.Text()), 10, 64)
	if perr != nil || n < 0 {
		return -1, r, fmt.Errorf("SIZE: %w: %q", ErrMalformedReply, clip(r.Text()))
	}
	return n, r, nil
}

// Feat returns the features listed in the 211 reply to FEAT, one per entry,
// without the leading space.
func (s *Session) Feat(ctx context.Context) ([]string, *Reply, error) {
	defer s.begin(ctx)()
	r, err := s.expect("FEAT", "", 211)
	if err != nil {
		return nil, r, err
	}
	return featureLines(r), r, nil
}

// featureLines are the features of a 211 FEAT reply: its lines that start
// with a blank, trimmed.
func featureLines(r *Reply) []string {
	var feats []string
	for _, l := range r.Lines[1:] {
		if len(l) > 1 && l[0] == ' ' {
			feats = append(feats, strings.TrimSpace(l))
		}
	}
	return feats
}

// Syst sends SYST.
func (s *Session) Syst(ctx context.Context) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("SYST", "", 2)
}

// Type sets the transfer type. ASCII converts line ends on transfers;
// Image is byte-exact.
func (s *Session) Type(ctx context.Context, t TransferType) (*Reply, error) {
	defer s.begin(ctx)()
	return s.setType(t)
}

// setType is Type within the running call.
func (s *Session) setType(t TransferType) (*Reply, error) {
	r, err := s.expect("TYPE", string(t), 2)
	if err == nil {
		s.typ = t
	}
	return r, err
}

// loginType is the type Config.Type asks for once logged in.
func (s *Session) loginType() TransferType {
	if s.cfg.Type == "" {
		return TypeImage
	}
	return s.cfg.Type
}

// Mode sets the transfer mode (only S, stream, is implemented for data).
func (s *Session) Mode(ctx context.Context, m string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("MODE", m, 2)
}

// Stru sets the file structure.
func (s *Session) Stru(ctx context.Context, st string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("STRU", st, 2)
}

// Noop sends NOOP.
func (s *Session) Noop(ctx context.Context) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("NOOP", "", 2)
}

// Rest sends REST with offset; the next RETR or STOR starts there.
func (s *Session) Rest(ctx context.Context, offset int64) (*Reply, error) {
	defer s.begin(ctx)()
	return s.expect("REST", strconv.FormatInt(offset, 10), 350)
}

// Quit sends QUIT, reads the reply and closes the connection.
func (s *Session) Quit(ctx context.Context) (*Reply, error) {
	defer s.begin(ctx)()
	defer s.Close()
	return s.cmd("QUIT", "")
}
