//go:build linux

package interop

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// FTPChroot is inetutils ftpd's list of users it confines to their home directory. The install
// script makes sure it exists (empty): the harness mounts its own list over it, in a mount
// namespace of the server's, which needs a file to mount on.
const FTPChroot = "/etc/ftpchroot"

// writeInetutils prepares GNU inetutils ftpd. The daemon mode (-D) of ftpd binds every
// address on the port of /etc/services' "ftp", so the server runs as inetd runs it instead:
// scripts/inetd.py listens on 127.0.0.1 and starts ftpd for each connection. ftpd logs in
// system users (-a default: /etc/passwd and /etc/shadow) and has no setting for a home, a
// chroot or the shells it accepts; the harness gives the server a mount namespace of its own
// in which
//
//   - the test user's home directory (from /etc/passwd) is the server's Home, bind-mounted;
//   - /etc/ftpchroot lists the test user, so that ftpd chroots it to that home (the client
//     sees "/" as in every other server);
//   - /etc/shells lists the test user's shell (/usr/sbin/nologin), which ftpd requires to be
//     a "standard shell" (getusershell(3));
//   - /var/log/wtmp, where ftpd records each login, is /dev/null.
//
// Nothing of this is visible outside the server's processes. ftpd takes passive ports from
// the kernel's ephemeral range: there is no passive port range (PasvMin and PasvMax are 0).
func (s *Server) writeInetutils(o Options) error {
	u, err := user.Lookup(s.User)
	if err != nil {
		return err
	}
	shell, err := loginShell(s.User)
	if err != nil {
		return err
	}
	home := u.HomeDir
	if st, err := os.Stat(home); err != nil || !st.IsDir() {
		return fmt.Errorf("%w: the test user's home directory %s (inetutils ftpd's chroot, replaced by the server's Home) is not a directory: %v", ErrUnavailable, home, err)
	}
	if _, err := os.Stat(FTPChroot); err != nil {
		return fmt.Errorf("%w: %s is missing (the install script creates it): %w", ErrUnavailable, FTPChroot, err)
	}
	chroot := filepath.Join(s.Dir, "ftpchroot")
	shells := filepath.Join(s.Dir, "shells")
	if err := os.WriteFile(chroot, []byte(s.User+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(shells, []byte(shell+"\n"), 0o644); err != nil {
		return err
	}
	inetd, err := s.writeScript("inetd.py")
	if err != nil {
		return err
	}
	ftpd := append([]string{Binary(Inetutils),
		"-a", "default", // /etc/passwd and /etc/shadow, not the PAM service "ftp" (not installed)
		"-u", "022", // umask
		"-t", "600", // idle timeout
	}, o.ExtraArgs...)
	mounts := [][2]string{{s.Home, home}, {chroot, FTPChroot}, {shells, "/etc/shells"}}
	var script []string
	for _, m := range mounts {
		script = append(script, "mount --bind "+shQuote(m[0])+" "+shQuote(m[1]))
	}
	script = append(script,
		"if [ -f /var/log/wtmp ]; then mount --bind /dev/null /var/log/wtmp; fi",
		"exec "+shJoin(append([]string{Python, "-u", inetd, s.Host, strconv.Itoa(s.Port)}, ftpd...)))
	s.Bin = "/bin/sh"
	s.Args = []string{"-ec", strings.Join(script, "\n")}
	s.newns = true
	s.PasvMin, s.PasvMax = 0, 0
	return nil
}

// loginShell returns name's shell from /etc/passwd.
func loginShell(name string) (string, error) {
	data, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return "", err
	}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Split(l, ":")
		if len(f) == 7 && f[0] == name {
			if f[6] == "" {
				return "/bin/sh", nil // what an empty shell field means
			}
			return f[6], nil
		}
	}
	return "", fmt.Errorf("/etc/passwd: no entry for %s", name)
}

// shQuote quotes s for sh.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// shJoin quotes each word for sh and joins them with blanks.
func shJoin(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shQuote(w)
	}
	return strings.Join(q, " ")
}

// newNamespace is the SysProcAttr change that gives a server a mount namespace of its own
// (Go makes its mounts private, so nothing the server mounts is seen outside).
func newNamespace(a *syscall.SysProcAttr) { a.Unshareflags |= syscall.CLONE_NEWNS }
