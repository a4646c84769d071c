//go:build linux

package interop

import (
	"embed"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
)

// Python is the interpreter the Python servers run under: Debian's, where python3-pyftpdlib,
// python3-twisted and python3-openssl install their modules (never a python3 from PATH, which
// may be another installation without them).
const Python = "/usr/bin/python3"

// pythonModules are the files whose presence shows that a Python server kind is installed.
var pythonModules = map[Kind][]string{
	Pyftpdlib: {"/usr/lib/python3/dist-packages/pyftpdlib/servers.py", "/usr/lib/python3/dist-packages/OpenSSL/SSL.py"},
	Twisted:   {"/usr/lib/python3/dist-packages/twisted/protocols/ftp.py"},
}

// scripts are the programs the harness runs for pyftpdlib and Twisted, and the inetd that
// starts inetutils ftpd.
//
//go:embed scripts/*.py
var scripts embed.FS

// writeScript copies the embedded script name into the server's directory, readable by all,
// and returns its path.
func (s *Server) writeScript(name string) (string, error) {
	data, err := scripts.ReadFile("scripts/" + name)
	if err != nil {
		return "", err
	}
	path := filepath.Join(s.Dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", err
	}
	return path, nil
}

// pythonTLS is the "tls" member of a Python server's configuration.
type pythonTLS struct {
	Cert     string `json:"cert"`
	Key      string `json:"key"`
	Required bool   `json:"required"`
	ClientCA string `json:"client_ca,omitempty"`
}

// pythonConfig is what the pyftpdlib and Twisted scripts read: the test password is in it,
// so it is written for the test user's eyes only (0600, owned by that user).
type pythonConfig struct {
	Host     string     `json:"host"`
	Port     int        `json:"port"`
	PasvMin  int        `json:"pasv_min"`
	PasvMax  int        `json:"pasv_max"`
	User     string     `json:"user"`
	Password string     `json:"password"`
	Home     string     `json:"home"`
	TLS      *pythonTLS `json:"tls,omitempty"`
}

// writePythonServer prepares pyftpdlib or Twisted: the script, its configuration, and the
// certificate files handed to the test user the process runs as.
func (s *Server) writePythonServer(o Options) error {
	script := map[Kind]string{Pyftpdlib: "pyftpdlib_server.py", Twisted: "twisted_server.py"}[s.Kind]
	path, err := s.writeScript(script)
	if err != nil {
		return err
	}
	conf := pythonConfig{Host: s.Host, Port: s.Port, PasvMin: s.PasvMin, PasvMax: s.PasvMax,
		User: s.User, Password: s.Password, Home: s.Home}
	if o.TLS.TLS() {
		// Only pyftpdlib gets here (StartServer refuses TLS for Twisted).
		conf.TLS = &pythonTLS{Cert: s.tls.cert, Key: s.tls.key, Required: o.TLSRequired}
		if o.RequireCert {
			conf.TLS.ClientCA = s.tls.clientCA
		}
		for _, f := range []string{s.tls.cert, s.tls.key, s.tls.combined, s.tls.clientCA} {
			if err := os.Chown(f, s.UID, s.GID); err != nil {
				return err
			}
		}
	}
	data, err := json.Marshal(conf)
	if err != nil {
		return err
	}
	confPath := filepath.Join(s.Dir, "server.json")
	if err := os.WriteFile(confPath, data, 0o600); err != nil {
		return err
	}
	if err := os.Chown(confPath, s.UID, s.GID); err != nil {
		return err
	}
	s.Bin = Python
	// -u: unbuffered, so that the log holds what the server wrote before it was stopped.
	s.Args = []string{"-u", path, confPath}
	s.cred = &syscall.Credential{Uid: uint32(s.UID), Gid: uint32(s.GID)}
	return nil
}
