// Package client is zftp's FTP and FTPS protocol engine, usable as a Go
// library.
//
// A Session is one control connection to an FTP server, with the state that
// belongs to it (transfer type, data-connection method, security). Every
// network method takes a context.Context first: its deadline bounds the
// wait, its cancellation aborts a running transfer (ABOR) or ends the wait.
// Each sends one FTP command (or one command sequence, for transfers),
// waits for the final reply, and returns it together with a typed error: a
// final reply of class 4 or 5 is a *ReplyError.
//
//	s, err := client.Dial(ctx, "ftp.example.com", 21, client.Config{
//		Security: client.Security{Mode: client.ExplicitRequired},
//	})
//	...
//	err = s.Login(ctx, user, password, "")
//	err = s.ReadDir(ctx, "pub", func(e client.Entry) error { ... })
//	_, err = s.Retr(ctx, "pub/file.bin", w, nil) // checked against SIZE
//
// A zero Config is safe and useful: binary transfers (TYPE I after login),
// passive data connections, bounded replies and timeouts; with TLS, the
// server's certificate and host name are verified and data connections
// are protected (PROT P). Listings of every server come as Entry values
// (ReadDir: MLSD, or LIST in Unix, DOS/IIS or z/OS MVS form), and FS gives
// an io/fs view.
//
// The engine prints nothing and reads no terminal. It reports what happens
// (connecting, commands sent with passwords removed at the source,
// replies, transfer progress, warnings) as Events to the Observer in its
// Config, and to one passed for a single call with WithObserver. The
// transcript package turns those events into z/OS-style lines.
//
// Transfers stream: Retr, Stor, Open, List, Nlst and ReadDir never hold a
// whole file or listing in memory. When the local side is an *os.File and
// the data connection is plain TCP, the copy uses the kernel's zero-copy
// paths (sendfile, splice) where the platform offers them.
package client
