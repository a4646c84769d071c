// Package netrc reads the classic ftp auto-login file: $NETRC, or ~/.netrc
// (on Windows %USERPROFILE%\_netrc, else %USERPROFILE%\.netrc).
//
// The file is a sequence of whitespace- or comma-separated tokens:
//
//	machine NAME    starts an entry for host NAME
//	default         starts the entry used when no machine matches
//	login NAME      user name for the current entry
//	password TEXT   password for the current entry
//	account TEXT    account (ACCT) for the current entry
//	macdef NAME     macro for the current entry; its body is the lines that
//	                follow, up to the first blank line
//
// A token may be written in double quotes, and a backslash escapes the next
// character inside or outside quotes, so passwords may hold spaces, quotes,
// commas and '#'. Where a keyword is expected, a token starting with '#'
// begins a comment that runs to the end of the line. Unknown keywords are
// reported as warnings, as classic clients do, and otherwise skipped.
//
// Load refuses, on Unix, a file that holds a password and that group or
// others may read or write, as BSD ftp does. No error or warning text ever
// contains a password or any other value read from the file.
package netrc
