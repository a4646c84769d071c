package main

import (
	"sort"
	"strings"
)

// subcommand is one entry of the subcommand table.
type subcommand struct {
	name    string // full name in capitals, e.g. "BINARY"
	min     int    // minimum abbreviation: the capitals of IBM's "BINary"
	code    int    // subcommand code for return codes (IBM "FTP subcommand codes")
	exit    bool   // EXIT_IF_ERROR: an error ends the client under -e
	conn    bool   // needs a connection: EZA1457I without one
	run     func(a *app, c *call) error
	usage   string // argument syntax, after the name
	help    string // one-line description for HELP
	aliasOf string // for synonyms (CWD = CD): the subcommand HELP refers to
}

// call is one parsed input line.
type call struct {
	sub  *subcommand
	word string   // the subcommand word as typed
	args []string // the arguments, split at blanks
	rest string   // the line after the subcommand word and its blanks, verbatim
}

// Subcommand codes used outside the table.
const (
	codeNone      = 0  // no subcommand selected
	codeAmbiguous = 1  // AMBIGUOUS
	codeOpen      = 10 // OPEN (also the automatic login after it)
	codeQuit      = 29 // QUIT (also the end of input)

	// codeUnretrieved stands for the codes of IBM's table from 50 on
	// (CDUP, RMDIR, VERBOSE ...), whose numbers were not retrieved: such a
	// failure reports subcommand code 00 until they are.
	codeUnretrieved = codeNone
)

// subcommands is the table, built once by newTable; read-only afterwards.
// Codes and EXIT_IF_ERROR come from IBM's "FTP subcommand codes" table;
// minimum abbreviations from IBM's "FTP subcommands" table.
func newTable() []*subcommand {
	return []*subcommand{
		{name: "?", min: 1, code: 2, run: (*app).help, usage: "[subcommand]", help: "show help: the list of subcommands, or one subcommand's syntax"},
		{name: "ASCII", min: 2, code: 5, exit: true, conn: true, run: (*app).typeASCII, help: "set the transfer type to ASCII (TYPE A)"},
		{name: "BINARY", min: 3, code: 6, exit: true, conn: true, run: (*app).typeImage, help: "set the transfer type to Image (TYPE I)"},
		{name: "CD", min: 2, code: 7, exit: true, conn: true, run: (*app).cd, usage: "directory", help: "change the remote working directory (CWD)"},
		{name: "CDUP", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*app).cdup, help: "change to the parent of the remote working directory (CDUP)"},
		{name: "CLOSE", min: 2, code: 8, exit: true, conn: true, run: (*app).closeConn, help: "end the connection to the server (QUIT) and stay in zftp"},
		{name: "CWD", min: 2, code: 7, exit: true, conn: true, run: (*app).cd, usage: "directory", help: "change the remote working directory (CWD)", aliasOf: "CD"},
		{name: "DELETE", min: 4, code: 13, exit: true, conn: true, run: (*app).delete, usage: "file", help: "delete a remote file (DELE)"},
		{name: "DIR", min: 2, code: 14, exit: true, conn: true, run: (*app).dir, usage: "[name]", help: "list remote directory entries in long form (LIST)"},
		{name: "GET", min: 1, code: 16, exit: true, conn: true, run: (*app).get, usage: "remote [local] [(REPLACE]", help: "copy a remote file to a local file (RETR)"},
		{name: "HELP", min: 2, code: 17, run: (*app).help, usage: "[subcommand]", help: "show help: the list of subcommands, or one subcommand's syntax"},
		{name: "LS", min: 2, code: 20, exit: true, conn: true, run: (*app).ls, usage: "[name]", help: "list the names of remote files (NLST)"},
		{name: "MKDIR", min: 2, code: 44, exit: true, conn: true, run: (*app).mkdir, usage: "directory", help: "create a remote directory (MKD)"},
		{name: "NOOP", min: 2, code: 25, exit: true, conn: true, run: (*app).noop, help: "check that the server answers (NOOP)"},
		{name: "OPEN", min: 1, code: codeOpen, exit: true, run: (*app).open, usage: "host [port]", help: "connect to an FTP server"},
		{name: "PASS", min: 2, code: 26, exit: true, conn: true, run: (*app).pass, usage: "password", help: "send your password (PASS)"},
		{name: "PUT", min: 2, code: 27, exit: true, conn: true, run: (*app).put, usage: "local [remote]", help: "copy a local file to a remote file (STOR)"},
		{name: "PWD", min: 2, code: 28, exit: true, conn: true, run: (*app).pwd, help: "show the remote working directory (PWD)"},
		{name: "QUIT", min: 3, code: codeQuit, exit: true, run: (*app).quit, help: "end the connection and leave zftp"},
		{name: "QUOTE", min: 3, code: 30, exit: true, conn: true, run: (*app).quote, usage: "command [arguments]", help: "send a command to the server as typed"},
		{name: "RENAME", min: 3, code: 31, exit: true, conn: true, run: (*app).rename, usage: "from to", help: "rename a remote file (RNFR, RNTO)"},
		{name: "RMDIR", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*app).rmdir, usage: "directory", help: "remove a remote directory (RMD)"},
		{name: "SITE", min: 2, code: 34, conn: true, run: (*app).site, usage: "parameters", help: "send server-specific parameters (SITE)"},
		{name: "SYSTEM", min: 2, code: 38, exit: true, conn: true, run: (*app).system, help: "show the server's operating system (SYST)"},
		{name: "USER", min: 1, code: 19, exit: true, conn: true, run: (*app).user, usage: "user_id [password]", help: "log on to the server (USER, PASS)"},
		{name: "VERBOSE", min: 1, code: codeUnretrieved, run: (*app).verbose, help: "toggle verbose mode: message IDs shown or not"},
	}
}

// lookupResult is the outcome of finding a subcommand by the word typed.
type lookupResult struct {
	sub        *subcommand // the subcommand, when found
	candidates []string    // names the word is a prefix of, when ambiguous
}

// lookup finds the subcommand named by word: its full name, or a prefix at
// least as long as its minimum abbreviation. A word that is a prefix of
// some names but long enough for none is ambiguous (subcommand code 01);
// a word that starts no name is unknown (nil sub, no candidates).
func lookup(table []*subcommand, word string) lookupResult {
	w := strings.ToUpper(word)
	var match *subcommand
	var cands []string
	for _, s := range table {
		if s.name == w {
			return lookupResult{sub: s}
		}
		if strings.HasPrefix(s.name, w) {
			cands = append(cands, s.name)
			if len(w) >= s.min {
				match = s
			}
		}
	}
	if match != nil {
		return lookupResult{sub: match}
	}
	sort.Strings(cands)
	return lookupResult{candidates: cands}
}
