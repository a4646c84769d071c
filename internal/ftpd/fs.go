package ftpd

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
)

// virtual turns a client path into a clean absolute path in the served
// tree. ".." never climbs above "/"; os.Root then keeps symbolic links
// from leading out of the tree.
func (s *session) virtual(arg string) string {
	if !strings.HasPrefix(arg, "/") {
		arg = s.cwd + "/" + arg
	}
	return path.Clean(arg)
}

// rel returns the name of a virtual path relative to the root, as os.Root
// methods take it.
func rel(v string) string {
	if v == "/" {
		return "."
	}
	return strings.TrimPrefix(v, "/")
}

// withoutPath returns the error under a path or link error, which names the
// server's own paths, so that a reply can say what failed without them.
func withoutPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// fsReply sends the 550 reply for a failed file-system operation on the
// virtual path v, without naming anything outside the tree.
func (s *session) fsReply(v string, err error) {
	err = withoutPath(err)
	msg := err.Error()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = "No such file or directory"
	case errors.Is(err, fs.ErrPermission):
		msg = "Permission denied"
	case strings.Contains(msg, "escapes from parent"):
		msg = "Path leads outside the served tree"
	}
	s.reply(550, v+": "+msg)
}

func (s *session) cmdPwd(string) { s.reply(257, s.msgs.pwd(s.cwd)) }

func (s *session) cmdCwd(arg string) { s.changeDir(s.virtual(arg)) }

func (s *session) cmdCdup(string) { s.changeDir(path.Dir(s.cwd)) }

func (s *session) changeDir(v string) {
	fi, err := s.srv.root.Stat(rel(v))
	if err != nil {
		s.fsReply(v, err)
		return
	}
	if !fi.IsDir() {
		s.reply(550, v+": Not a directory")
		return
	}
	s.cwd = v
	s.reply(250, s.msgs.cwd(v))
}

func (s *session) cmdMkd(arg string) {
	v := s.virtual(arg)
	if err := s.srv.root.Mkdir(rel(v), 0o755); err != nil {
		s.fsReply(v, err)
		return
	}
	s.reply(257, s.msgs.mkd(v))
}

func (s *session) cmdRmd(arg string) {
	v := s.virtual(arg)
	if v == "/" {
		s.reply(550, "/: Cannot remove the root directory")
		return
	}
	s.remove(v, true, "RMD command successful")
}

func (s *session) cmdDele(arg string) {
	s.remove(s.virtual(arg), false, "DELE command successful")
}

// remove deletes v when it is a directory (RMD) or is not one (DELE).
func (s *session) remove(v string, dir bool, ok string) {
	fi, err := s.srv.root.Lstat(rel(v))
	if err != nil {
		s.fsReply(v, err)
		return
	}
	switch {
	case dir && !fi.IsDir():
		s.reply(550, v+": Not a directory")
		return
	case !dir && fi.IsDir():
		s.reply(550, v+": Is a directory")
		return
	}
	if err := s.srv.root.Remove(rel(v)); err != nil {
		s.fsReply(v, err)
		return
	}
	s.reply(250, ok)
}

func (s *session) cmdRnfr(arg string) {
	v := s.virtual(arg)
	if _, err := s.srv.root.Lstat(rel(v)); err != nil {
		s.fsReply(v, err)
		return
	}
	s.renFrom = v
	s.reply(350, "Ready for RNTO")
}

func (s *session) cmdRnto(arg string) {
	from := s.renFrom
	s.renFrom = ""
	if from == "" {
		s.reply(503, "RNFR required first")
		return
	}
	to := s.virtual(arg)
	if from == "/" || to == "/" {
		s.reply(550, "Cannot rename the root directory")
		return
	}
	if err := s.srv.root.Rename(rel(from), rel(to)); err != nil {
		s.fsReply(to, err)
		return
	}
	s.reply(250, "Rename successful")
}

func (s *session) cmdSize(arg string) {
	v := s.virtual(arg)
	fi, err := s.srv.root.Stat(rel(v))
	if err != nil {
		s.fsReply(v, err)
		return
	}
	if !fi.Mode().IsRegular() {
		s.reply(550, v+": Not a regular file")
		return
	}
	s.reply(213, itoa(fi.Size()))
}
