package zos

import (
	"errors"
	"path"
	"strings"
)

// Target is where a session starts when zftp is given a URL, as tnftp
// takes one: zftp ftp://[user[:password]@]host[:port]/path. The front end
// parses and percent-decodes the URL; the interpreter connects, logs in,
// and then either changes to the directory (a path ending in "/", or
// none) and runs the command loop, or fetches the file and ends.
type Target struct {
	Host string
	Port int
	// User and Password are the URL's, decoded. Without a user, the
	// netrc entry for the host logs in, else anonymous.
	User, Password       string
	HasUser, HasPassword bool
	// Implicit is ftps://: implicit TLS as RFC 4217's servers do it
	// (vsftpd implicit_ssl, proftpd UseImplicitSSL, curl's ftps://): the
	// port is taken as TLSPORT, the handshake comes first (SECUREIMPLICITZOS
	// FALSE, client.Implicit), and data connections are PRIVATE unless
	// FTP.DATA codes SECURE_DATACONN CLEAR.
	Implicit bool
	// Path is the decoded path after the host's "/": relative to the
	// login directory, absolute when it starts with "/" (%2F in the URL).
	Path string
}

// Fetch reports whether the target names a file to fetch: a path that
// does not end in "/".
func (t Target) Fetch() bool { return t.Path != "" && !strings.HasSuffix(t.Path, "/") }

// anonymousPassword is the password of an anonymous login from a URL with
// no user and no netrc entry (tnftp sends a mail-address-like word too).
const anonymousPassword = "anonymous@"

// RunTarget runs a session started from a URL. A directory target opens
// an interactive (or batch) session there, as Run does; a file target is
// fetched in binary into the local directory, replacing a file of the
// same name as tnftp does, and zftp ends: status 0 on success, otherwise
// the return code as -e (CLIENTEXIT TRUE) computes it.
func (a *Interpreter) RunTarget(t Target) int {
	a.target = &t
	if t.Implicit {
		// ftps:// names the common implicit model, whatever FTP.DATA says
		// of SECUREIMPLICITZOS: a z/OS-model server (clear 220 first) is
		// reached with TLSPORT and host port instead.
		a.set.cfg.TLSPort = t.Port
		a.set.cfg.SecureImplicitZOS = false
	}
	fetch := t.Fetch()
	if fetch {
		a.set.cfg.ClientExit = true // the return code rules: a failure ends zftp
	}
	dir, file := path.Split(t.Path)
	if !fetch {
		dir, file = t.Path, ""
	}
	if dir != "/" {
		dir = strings.TrimSuffix(dir, "/")
	}
	a.start()
	a.obs.last = 0
	if err := a.connect(t.Host, t.Port); err != nil {
		if errors.Is(err, errEndOfInput) {
			a.endOfInput()
			return a.status
		}
		a.failed(codeOpen, true, err)
		a.hint(nil, err)
		if fetch || a.done {
			return a.status
		}
		return a.commandLoop()
	}
	if dir != "" && !a.runSub("CD", dir) && fetch {
		return a.status
	}
	if fetch {
		if a.runSub("BINARY") && a.runSub("GET", file, path.Base(file), "(REPLACE") {
			a.endOfInput()
		}
		return a.status
	}
	return a.commandLoop()
}

// runSub runs the subcommand name with args, as typed but not echoed (the
// URL is not a subcommand line), and reports whether it succeeded.
func (a *Interpreter) runSub(name string, args ...string) bool {
	res := lookup(a.table, name)
	if res.sub == nil || a.sess == nil {
		return false
	}
	c := &call{sub: res.sub, word: strings.ToLower(name), args: args, rest: strings.Join(args, " ")}
	a.obs.last = 0
	defer a.afterCommand(res.sub)
	if err := a.runInterruptible(res.sub, c); err != nil {
		if a.hooks.AfterCommand != nil {
			a.hooks.AfterCommand()
		}
		a.failed(res.sub.code, res.sub.exit, err)
		a.hint(res.sub, err)
		return false
	}
	return true
}

// targetLogin logs in with the URL's user and password (the password is
// asked for when the URL has none), or anonymously when the URL has no
// user. The password goes to PASS only: the transcript shows ">>> PASS".
// Login records a batch input holds anyway are dropped unseen
// (loginrecords.go).
func (a *Interpreter) targetLogin() error {
	t := a.target
	if !t.HasUser {
		a.expectLoginRecords("anonymous", anonymousPassword, "the URL logged in")
		return a.logon("anonymous", anonymousPassword, true, "")
	}
	if t.HasPassword {
		a.expectLoginRecords(t.User, t.Password, "the URL logged in")
	}
	return a.logon(t.User, t.Password, t.HasPassword, "")
}
