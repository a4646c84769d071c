// Package client is zftp's FTP protocol engine.
//
// A Session is one control connection to an FTP server, with the state that
// belongs to it (transfer type, data-connection method, security). Every
// method sends one FTP command (or one command sequence, for transfers),
// waits for the final reply, and returns it together with a typed error:
// a final reply of class 4 or 5 is a *ReplyError.
//
// The engine prints nothing and reads no terminal. It reports what happens —
// connecting, commands sent (with passwords removed at the source), replies,
// transfer progress, warnings — as Events to the Observer in its Config. The
// transcript package turns those events into z/OS-style lines.
//
// Transfers stream: Retr, Stor, Appe, List and Nlst take an io.Writer or
// io.Reader and never hold a whole file in memory. When the local side is an
// *os.File and the data connection is plain TCP, the copy uses the kernel's
// zero-copy paths (sendfile, splice) where the platform offers them.
package client
