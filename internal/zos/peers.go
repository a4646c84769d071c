package zos

import "strings"

// peerNames are words the users of other FTP clients (lftp, tnftp, BSD
// and Windows ftp) type for what a zftp subcommand does, or does not do.
// "Did you mean" says so at a terminal before it tries the edit distance,
// which would offer look-alikes (type for bye, pass for hash, get for set,
// site for size). Each hint names a subcommand that exists.
var peerNames = map[string]string{
	"BYE":        "did you mean quit? (bye is what other clients call it)",
	"EXIT":       "did you mean quit? (exit is what other clients call it)",
	"LOGOUT":     "did you mean quit? (logout is what other clients call it)",
	"DISCONNECT": "did you mean close? (disconnect is what other clients call it)",
	"MV":         "did you mean rename? (rename old_name new_name; mv is what lftp calls it)",
	"SIZE":       "did you mean quote SIZE name? (zftp has no SIZE subcommand: quote sends the server's SIZE command)",
	"CAT":        "zftp does not show a remote file on the terminal: get name, then !cat name",
	"MORE":       "zftp does not show a remote file on the terminal: get name, then !more name",
	"LESS":       "zftp does not show a remote file on the terminal: get name, then !less name",
	"SET":        "did you mean locsite? (zftp's settings are FTP.DATA statements: locsite option=value changes one, locstat shows them)",
	"HASH":       "zftp has no HASH: at a terminal a progress line shows each transfer",
	"LL":         "did you mean dir? (dir lists the remote directory in full, ls its names)",
	"LLS":        "did you mean !ls? (! runs a local command: !ls lists the local directory)",
}

// peerHint returns the hint for a word another client uses, or "".
func peerHint(word string) string {
	return peerNames[strings.ToUpper(word)]
}

// tooShort returns the one subcommand word abbreviates but too briefly
// (a prefix of its name shorter than its minimum abbreviation), or nil:
// such a word is not ambiguous, it is unknown, and the hint names the
// subcommand and its shortest form.
func tooShort(res lookupResult, table []*subcommand) *subcommand {
	if res.sub != nil || len(res.candidates) != 1 {
		return nil
	}
	return lookup(table, res.candidates[0]).sub
}
