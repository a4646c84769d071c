package main

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/zftp/zftp/internal/zos"
)

// isURL reports whether a host argument is a URL (scheme://...).
func isURL(arg string) bool { return strings.Contains(arg, "://") }

// parseURL parses a host argument given as a URL, as tnftp takes one:
// ftp://[user[:password]@]host[:port]/path, or ftps:// for implicit TLS
// with the handshake first, as curl and RFC 4217's servers take it (port
// 990 by default; zos.Target.Implicit). User, password and path are percent-decoded. The
// error never repeats the URL, which may hold a password.
func parseURL(raw string) (zos.Target, error) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL
		}
		return zos.Target{}, fmt.Errorf("invalid URL: %w", err)
	}
	var t zos.Target
	switch strings.ToLower(u.Scheme) {
	case "ftp":
		t.Port = 21
	case "ftps":
		t.Port, t.Implicit = 990, true
	default:
		return zos.Target{}, fmt.Errorf("invalid URL: scheme %q: want ftp:// or ftps://", u.Scheme)
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return zos.Target{}, errors.New("invalid URL: no host: want ftp://[user[:password]@]host[:port]/path")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return zos.Target{}, errors.New("invalid URL: a query (?) or fragment (#) has no meaning in an FTP URL")
	}
	t.Host = u.Hostname()
	if p := u.Port(); p != "" {
		if t.Port, err = zos.ParsePort(p); err != nil {
			return zos.Target{}, fmt.Errorf("invalid URL: %w", err)
		}
	}
	if u.User != nil {
		t.User, t.HasUser = u.User.Username(), true
		t.Password, t.HasPassword = u.User.Password()
		if t.User == "" {
			return zos.Target{}, errors.New("invalid URL: empty user name before @")
		}
	}
	t.Path = strings.TrimPrefix(u.Path, "/")
	return t, nil
}

// hostPortError returns the usage error for a host argument written as
// host:port, or nil when arg is not one (an IPv6 address has more colons).
func hostPortError(arg string) error {
	host, port, ok := strings.Cut(arg, ":")
	if !ok || host == "" || strings.Contains(port, ":") {
		return nil
	}
	if _, err := zos.ParsePort(port); err != nil {
		return nil
	}
	return fmt.Errorf("%q is not a host name: give the port as a second argument (zftp %s %s) or as a URL (zftp ftp://%s:%s/)", arg, host, port, host, port)
}
