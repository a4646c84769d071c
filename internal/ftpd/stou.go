package ftpd

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path"
	"strconv"
)

// STOU (RFC 959 4.1.3, store unique): the data is stored under a name not
// in use in the target directory: the name given (or "zftpd" when STOU
// has no argument) if free, else the first free name.1, name.2 ... The
// start reply names the file, as RFC 1123 4.1.2.9 requires ("125 FILE:
// pppp" / "150 FILE: pppp"); in IBM mode it is the z/OS server's
// "125 Storing data set name" with the unique name.

// maxUnique bounds the suffixes tried for a unique name.
const maxUnique = 999

func (s *session) cmdStou(arg string) {
	s.takeRestart() // REST does not apply to a new file
	given := arg
	if given == "" {
		given = "zftpd"
	}
	v := s.virtual(given)
	f, uv, err := s.createUnique(v)
	if err != nil {
		s.closePassive()
		s.fsReply(v, err)
		return
	}
	defer f.Close()
	name := uv
	if !path.IsAbs(given) {
		// The name as the client would write it: in the directory it
		// named, relative to the working directory when it was.
		name = path.Join(path.Dir(given), path.Base(uv))
	}
	start := "FILE: " + name
	if s.srv.opts.IBM {
		start = s.msgs.storing(s.typeName(), uv, false)
	}
	s.transfer(start, false, func(dc net.Conn) error {
		return s.receive(f, dc)
	})
}

// createUnique creates the first free name of v, v.1, v.2 ... exclusively
// and returns the file and its virtual path.
func (s *session) createUnique(v string) (*os.File, string, error) {
	for i := 0; i <= maxUnique; i++ {
		cand := v
		if i > 0 {
			cand = v + "." + strconv.Itoa(i)
		}
		f, err := s.srv.root.OpenFile(rel(cand), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return f, cand, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", err
		}
	}
	return nil, "", fs.ErrExist
}
