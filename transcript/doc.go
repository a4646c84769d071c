// Package transcript renders the events of a zftp session as the z/OS
// Communications Server FTP client prints them: EZAnnnnI messages from a
// catalog held as data (catalog.go), server replies echoed line for line as
// received, and the EZA1617I rate line after each file transfer.
//
// A Writer implements client.Observer, so it can be handed to the engine as
// its Config.Observer; the front end (cmd/zftp) uses the same Writer for the
// messages it prints itself (prompts, input echo, return codes).
//
// Message IDs follow the z/OS UNIX rule: the "EZAnnnnI " prefix is shown
// only in verbose mode (the -v flag or the VERBOSE subcommand). TSO and
// batch jobs on z/OS always show it; a front end that wants that behaviour
// (for log scrapers written against batch output) turns on
// Options.AlwaysShowIDs.
//
// The transcript never carries a password: the engine removes the PASS
// argument at the source, and the Writer drops it again if it ever arrives.
// There is no colour here; colour belongs to the terminal front end.
package transcript
