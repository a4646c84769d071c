package client

import (
	"fmt"
	"strconv"
	"strings"
)

func upper(s string) string { return strings.ToUpper(s) }

// User sends USER. 230 (logged in), 331 (password needed) and 332
// (account needed) are not errors.
func (s *Session) User(name string) (*Reply, error) {
	return s.loginStep(s.expect("USER", name, 230, 331, 332))
}

// loginStep sets the data protection once a reply says the user is
// logged in.
func (s *Session) loginStep(r *Reply, err error) (*Reply, error) {
	if err != nil || r.Code != 230 {
		return r, err
	}
	s.sec.loggedIn = true
	if perr := s.afterLogin(); perr != nil {
		return r, fmt.Errorf("logged in, but setting data protection failed: %w", perr)
	}
	return r, nil
}

// Pass sends PASS. The password is never reported in events or errors.
func (s *Session) Pass(password string) (*Reply, error) {
	if err := checkArg(password); err != nil {
		return nil, fmt.Errorf("PASS: password: %w", ErrBadArgument)
	}
	return s.loginStep(s.expect("PASS", password, 230, 202, 332))
}

// Acct sends ACCT.
func (s *Session) Acct(account string) (*Reply, error) {
	return s.loginStep(s.expect("ACCT", account, 2))
}

// Login runs the USER, PASS and ACCT exchange as the replies ask for it.
func (s *Session) Login(user, password, account string) error {
	r, err := s.User(user)
	if err != nil {
		return err
	}
	if r.Code == 331 {
		if r, err = s.Pass(password); err != nil {
			return err
		}
	}
	if r.Code == 332 {
		if _, err = s.Acct(account); err != nil {
			return err
		}
	}
	return nil
}

// Quote sends a raw command line (verb and arguments) and returns the final
// reply. CR, LF and NUL are refused.
func (s *Session) Quote(line string) (*Reply, error) {
	verb, args, _ := strings.Cut(strings.TrimSpace(line), " ")
	if verb == "" {
		return nil, fmt.Errorf("quote: empty command: %w", ErrBadArgument)
	}
	return s.Cmd(verb, args)
}

// Cwd changes the remote working directory.
func (s *Session) Cwd(dir string) (*Reply, error) { return s.expect("CWD", dir, 2) }

// Cdup changes to the parent of the remote working directory.
func (s *Session) Cdup() (*Reply, error) { return s.expect("CDUP", "", 2) }

// Pwd returns the remote working directory parsed from the 257 reply.
func (s *Session) Pwd() (string, *Reply, error) {
	r, err := s.expect("PWD", "", 257)
	if err != nil {
		return "", r, err
	}
	dir, err := ParsePathReply(r.Text())
	return dir, r, err
}

// Mkdir creates a remote directory.
func (s *Session) Mkdir(dir string) (*Reply, error) { return s.expect("MKD", dir, 2) }

// Rmdir removes a remote directory.
func (s *Session) Rmdir(dir string) (*Reply, error) { return s.expect("RMD", dir, 2) }

// Delete deletes a remote file.
func (s *Session) Delete(name string) (*Reply, error) { return s.expect("DELE", name, 2) }

// Rename renames a remote file with RNFR and RNTO. The reply returned is
// RNTO's, or RNFR's when that failed.
func (s *Session) Rename(from, to string) (*Reply, error) {
	if err := checkArg(to); err != nil {
		return nil, err
	}
	if r, err := s.expect("RNFR", from, 350); err != nil {
		return r, err
	}
	return s.expect("RNTO", to, 2)
}

// Site sends SITE with the given arguments.
func (s *Session) Site(args string) (*Reply, error) { return s.expect("SITE", args, 2) }

// Size returns the size of a remote file from the 213 reply to SIZE.
func (s *Session) Size(name string) (int64, *Reply, error) {
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
func (s *Session) Feat() ([]string, *Reply, error) {
	r, err := s.expect("FEAT", "", 211)
	if err != nil {
		return nil, r, err
	}
	var feats []string
	for _, l := range r.Lines[1:] {
		if len(l) > 1 && l[0] == ' ' {
			feats = append(feats, strings.TrimSpace(l))
		}
	}
	return feats, r, nil
}

// Syst sends SYST.
func (s *Session) Syst() (*Reply, error) { return s.expect("SYST", "", 2) }

// Type sets the transfer type. ASCII converts line ends on transfers;
// Image is byte-exact.
func (s *Session) Type(t TransferType) (*Reply, error) {
	r, err := s.expect("TYPE", string(t), 2)
	if err == nil {
		s.typ = t
	}
	return r, err
}

// Mode sets the transfer mode (only S, stream, is implemented for data).
func (s *Session) Mode(m string) (*Reply, error) { return s.expect("MODE", m, 2) }

// Stru sets the file structure.
func (s *Session) Stru(st string) (*Reply, error) { return s.expect("STRU", st, 2) }

// Noop sends NOOP.
func (s *Session) Noop() (*Reply, error) { return s.expect("NOOP", "", 2) }

// Rest sends REST with offset; the next RETR or STOR starts there.
func (s *Session) Rest(offset int64) (*Reply, error) {
	return s.expect("REST", strconv.FormatInt(offset, 10), 350)
}

// Quit sends QUIT, reads the reply and closes the connection.
func (s *Session) Quit() (*Reply, error) {
	defer s.Close()
	return s.Cmd("QUIT", "")
}
