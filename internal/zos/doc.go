// Package zos is the z/OS FTP client's command interpreter: the batch
// INPUT grammar, the subcommand table (names, minimum abbreviations,
// syntax, HELP), login with netrc, FTP.DATA settings with command-line
// flags over them, transfers, and return codes (EZA1735I, exit status).
//
// An Interpreter is built from Settings (LoadSettings) and Options: a
// transcript.Sink for its lines, a LineSource for its input, and Hooks
// for what a terminal adds (progress, hints). Run reads lines until QUIT
// or the end of input; Execute runs one line. A terminal may call
// Complete (Tab completion) and Interrupt (Ctrl-C) from other goroutines.
// The interpreter writes only through the transcript and never reads the
// terminal itself.
package zos
