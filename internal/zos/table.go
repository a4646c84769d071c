package zos

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
	run     func(a *Interpreter, c *call) error
	usage   string // argument syntax, after the name
	help    string // description for HELP
	example string // an example line for HELP subcommand; "" for none
	aliasOf string // for synonyms (CWD = CD): the subcommand HELP refers to
	zosOnly bool   // recognised, answered "not supported on this platform"
	// extension marks a zftp extension (REGET): not in z/OS, left out of
	// HELP's list (so that it stays z/OS's), shown by HELP name and in
	// docs/subcommands.md.
	extension bool

	// Facts the front end reads from the table rather than from lists of
	// its own (a synonym has the facts of the subcommand it stands for):
	args          []argKind            // what each argument names, for Tab completion
	argsRepeat    bool                 // the last of args applies to every further argument
	optionArgs    map[string][]argKind // args instead, when the first argument is this option (MIRROR -R)
	changesRemote bool                 // may change the remote directory or its names: completion lists them again
	secret        secretArgs           // which arguments are credentials: masked in the echo, kept out of the history
	exitBare      bool                 // EXIT_IF_ERROR applies only when issued without parameters (IBM: LOCSITE)
	opens         bool                 // connects to a server: a failure's hint is about the host, port and TLS port
	localReplace  bool                 // keeps an existing local file unless (REPLACE: the hint says so
	remoteArg     bool                 // names a remote file or directory: the hint after a 550 offers ls
}

// argKind is what an argument of a subcommand names (Tab completion).
type argKind int

const (
	argNone       argKind = iota
	argLocal              // a local file or directory
	argLocalDir           // a local directory
	argRemote             // a name in the remote directory
	argSubcommand         // a subcommand name
	argCommand            // a local command, from PATH (!)
)

// secretArgs says which arguments of a subcommand line carry a credential.
type secretArgs int

const (
	secretNone      secretArgs = iota
	secretPassword             // USER user_id [password]: the password (the user ID is kept out of the history only)
	secretAll                  // PASS: every argument
	secretHistory              // ACCOUNT: shown as IBM shows it, but kept out of the history
	secretCommandOf            // QUOTE: the arguments of a PASS or ACCT command sent as typed
)

// call is one parsed input line.
type call struct {
	sub  *subcommand
	word string   // the subcommand word as typed
	args []string // the arguments, split at blanks
	rest string   // the line after the subcommand word and its blanks, verbatim

	resume bool // MGET -c: continue the files that exist locally (transferwords.go)
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

// newTable returns the subcommand table: every subcommand of the z/OS
// client, in IBM's order. Codes and EXIT_IF_ERROR come from IBM's "FTP
// subcommand codes" table (codes from 50 on were not retrieved:
// codeUnretrieved); minimum abbreviations from IBM's "FTP subcommands"
// table. The table is read-only once built.
func newTable() []*subcommand {
	return []*subcommand{
		{name: "?", min: 1, code: 2, run: (*Interpreter).help, usage: "[All | Server [command] | subcommand]",
			help: "show help: the list of subcommands, or one subcommand's syntax and an example", example: "? get", aliasOf: "HELP", args: []argKind{argSubcommand}},
		{name: "!", min: 1, code: codeUnretrieved, exit: true, run: (*Interpreter).shell, usage: "command",
			help: "run a command in the local shell (sh -c; %ComSpec% /C on Windows) and show its output; a command ending in & starts in the background and is not waited for", example: "! ls -l", args: []argKind{argCommand, argLocal}, argsRepeat: true},
		{name: "ACCOUNT", min: 3, code: 3, exit: true, conn: true, run: (*Interpreter).account, usage: "account_information",
			help: "send account information to the server (ACCT)", example: "account D4711", secret: secretHistory},
		{name: "ACCT", min: 4, code: 3, exit: true, conn: true, run: (*Interpreter).account, usage: "account_information",
			help: "send account information to the server (ACCT); the same as ACCOUNT (IBM's page is \"ACCt subcommand\")", example: "acct D4711", aliasOf: "ACCOUNT", secret: secretHistory},
		{name: "APPEND", min: 2, code: 4, exit: true, conn: true, run: (*Interpreter).appendFile, usage: "local_file remote_file",
			help: "append a local file to a remote file (APPE)", example: "append today.log history.log", args: []argKind{argLocal, argRemote}, changesRemote: true},
		{name: "ASCII", min: 2, code: 5, exit: true, conn: true, run: (*Interpreter).typeASCII,
			help: "set the transfer type to ASCII (TYPE A): line ends are converted", example: "ascii"},
		{name: "AUTH", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).auth, usage: "[TLS|NEVER]",
			help: "choose the security mechanism of the next OPEN (SECURE_MECHANISM); show it without an argument", example: "auth tls"},
		{name: "BIG5", min: 3, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to BIG5 (DBCS; z/OS only)"},
		{name: "BINARY", min: 3, code: 6, exit: true, conn: true, run: (*Interpreter).typeImage,
			help: "set the transfer type to Image (TYPE I): bytes are copied unchanged", example: "binary"},
		{name: "BLOCK", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).modeBlock,
			help: "set block mode (MODE B); zftp transfers in stream mode only and refuses it"},
		{name: "CCC", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).ccc,
			help: "clear the control connection after a TLS login (CCC), as TLSRFCLEVEL says; data stays protected", example: "ccc"},
		{name: "CD", min: 2, code: 7, exit: true, conn: true, run: (*Interpreter).cd, usage: "directory",
			help: "change the remote working directory (CWD)", example: "cd /u/ibmuser", args: []argKind{argRemote}, changesRemote: true, remoteArg: true},
		{name: "CDUP", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).cdup,
			help: "change to the parent of the remote working directory (CDUP)", example: "cdup", changesRemote: true},
		{name: "CLEAR", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).clear,
			help: "send data connections in clear (PROT C); TLS sessions only", example: "clear"},
		{name: "CLOSE", min: 2, code: 8, exit: true, conn: true, run: (*Interpreter).closeConn,
			help: "end the connection to the server (QUIT) and stay in zftp", example: "close", changesRemote: true},
		{name: "COMPRESS", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).modeCompress,
			help: "set compressed mode (MODE C); zftp transfers in stream mode only and refuses it"},
		{name: "CPROTECT", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).cprotect, usage: "CLEAR|PRIVATE|SAFE",
			help: "set the control connection's protection: CLEAR is CCC; PRIVATE is what TLS already gives", example: "cprotect clear"},
		{name: "CWD", min: 2, code: 7, exit: true, conn: true, run: (*Interpreter).cd, usage: "directory",
			help: "change the remote working directory (CWD); the same as CD", example: "cwd /tmp", aliasOf: "CD", args: []argKind{argRemote}, changesRemote: true, remoteArg: true},
		{name: "DEBUG", min: 3, code: 11, run: (*Interpreter).debug, usage: "[option ...]",
			help: "toggle the client trace (engine events on stderr, no passwords or keys), or set DEBUG options (ALL, NONE, FLO, CMD, SEC ...)", example: "debug sec"},
		{name: "DELETE", min: 4, code: 13, exit: true, conn: true, run: (*Interpreter).delete, usage: "remote_file",
			help: "delete a remote file (DELE)", example: "delete old.txt", args: []argKind{argRemote}, changesRemote: true, remoteArg: true},
		{name: "DELIMIT", min: 4, code: 12, run: (*Interpreter).delimit,
			help: "show the character that separates a file name from its file type", example: "delimit"},
		{name: "DIR", min: 2, code: 14, exit: true, conn: true, run: (*Interpreter).dir, usage: "[name]",
			help: "list remote directory entries in long form (LIST)", example: "dir *.txt", args: []argKind{argRemote}},
		{name: "DUMP", min: 4, code: codeUnretrieved, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set extended trace options of the z/OS client (z/OS only)"},
		{name: "EBCDIC", min: 2, code: 15, exit: true, conn: true, run: (*Interpreter).typeEBCDIC,
			help: "set the transfer type to EBCDIC (TYPE E)", example: "ebcdic"},
		{name: "EUCKANJI", min: 2, code: 46, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to EUCKANJI (DBCS; z/OS only)"},
		{name: "FEATURE", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).feature,
			help: "ask the server which extensions it supports (FEAT)", example: "feature"},
		{name: "FILE", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).struFile,
			help: "set the file structure to file (STRU F)", example: "file"},
		{name: "GET", min: 1, code: 16, exit: true, conn: true, run: (*Interpreter).get, usage: "remote_file [local_file] [(REPLACE]",
			help: "copy a remote file to a local file (RETR); an existing local file is replaced only with (REPLACE", example: "get data.bin /tmp/data.bin (replace", args: []argKind{argRemote, argLocal}, localReplace: true, remoteArg: true},
		{name: "GLOB", min: 2, code: codeUnretrieved, run: (*Interpreter).glob,
			help: "toggle wildcard expansion of local names for MPUT and of remote names (NLST) for MGET and MDELETE", example: "glob"},
		{name: "HANGEUL", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to HANGEUL (DBCS; z/OS only)"},
		{name: "HELP", min: 2, code: 17, run: (*Interpreter).help, usage: "[All | Server [command] | subcommand]",
			help: "show help: the list of subcommands, every subcommand with its description (All), the server's help (Server), or one subcommand's syntax and an example", example: "help put", args: []argKind{argSubcommand}},
		{name: "IBMKANJI", min: 1, code: 47, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to IBMKANJI (DBCS; z/OS only)"},
		{name: "JIS78KJ", min: 5, code: 48, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to JIS78KJ (DBCS; z/OS only)"},
		{name: "JIS83KJ", min: 5, code: 49, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to JIS83KJ (DBCS; z/OS only)"},
		{name: "KSC5601", min: 1, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to KSC5601 (DBCS; z/OS only)"},
		{name: "LANGUAGE", min: 4, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).language, usage: "[language_tag]",
			help: "ask the server for its messages in another language (LANG, RFC 2640)", example: "language en"},
		{name: "LCD", min: 2, code: 41, exit: true, run: (*Interpreter).lcd, usage: "directory",
			help: "change the local working directory", example: "lcd /tmp", args: []argKind{argLocalDir}},
		{name: "LOCSITE", min: 5, code: 42, exit: true, run: (*Interpreter).locsite, usage: "option[=value] ...",
			help: "change local settings, as FTP.DATA statements do (FWFriendly, EPSV4, TLSRFCLEVEL=, SECUREIMPLICITZOS ...); security options take effect at the next OPEN", example: "locsite fwfriendly epsv4", exitBare: true},
		{name: "LOCSTAT", min: 5, code: 18, exit: true, run: (*Interpreter).locstat, usage: "[statement]",
			help: "show the local settings, or one of them", example: "locstat tlsrfclevel"},
		{name: "LMKDIR", min: 2, code: 45, exit: true, run: (*Interpreter).lmkdir, usage: "directory",
			help: "create a local directory", example: "lmkdir backup", args: []argKind{argLocalDir}},
		{name: "LPWD", min: 2, code: 43, run: (*Interpreter).lpwd,
			help: "show the local working directory", example: "lpwd"},
		{name: "LS", min: 2, code: 20, exit: true, conn: true, run: (*Interpreter).ls, usage: "[name]",
			help: "list the names of remote files (NLST)", example: "ls *.bin", args: []argKind{argRemote}},
		{name: "MDELETE", min: 2, code: 21, exit: true, conn: true, run: (*Interpreter).mdelete, usage: "remote_file ...",
			help: "delete remote files; with GLOB on, each name is expanded by the server (NLST)", example: "mdelete *.tmp", args: []argKind{argRemote}, argsRepeat: true, changesRemote: true},
		{name: "MGET", min: 2, code: 22, exit: true, conn: true, run: (*Interpreter).mget, usage: "remote_file ... [(REPLACE]",
			help: "copy remote files into the local directory; names are listed with NLST (GLOB on) and each is fetched; a name with '/', '..' or control characters is refused", example: "mget *.txt (replace", args: []argKind{argRemote}, argsRepeat: true, localReplace: true},
		{name: "MKDIR", min: 2, code: 44, exit: true, conn: true, run: (*Interpreter).mkdir, usage: "directory",
			help: "create a remote directory (MKD)", example: "mkdir reports", args: []argKind{argRemote}, changesRemote: true},
		{name: "MIRROR", min: 3, code: codeUnretrieved, extension: true, exit: true, conn: true, run: (*Interpreter).mirror, usage: "[remote_directory [local_directory]] | -R [local_directory [remote_directory]]",
			help: "zftp extension (lftp's name and order: the source first): copy a remote directory tree into a local one, or with -R a local tree to the server, creating directories and skipping files whose size and time match; a z/OS PDS is copied member by member (mirror 'HLQ.PDS', mirror -R dir 'HLQ.PDS'); PARALLEL spreads the files over several sessions", example: "mirror -R backup/reports reports", changesRemote: true,
			args: []argKind{argRemote, argLocalDir}, optionArgs: map[string][]argKind{"-R": {argLocalDir, argRemote}}},
		{name: "MKFIFO", min: 3, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "create a named pipe on a z/OS server (z/OS only)", args: []argKind{argRemote}},
		{name: "MODE", min: 2, code: 23, exit: true, conn: true, run: (*Interpreter).mode, usage: "S|B|C",
			help: "set the transfer mode: S (stream); B (block) and C (compressed) are refused", example: "mode s"},
		{name: "MPUT", min: 2, code: 24, exit: true, conn: true, run: (*Interpreter).mput, usage: "local_file ...",
			help: "copy local files to the server; with GLOB on, wildcards are expanded locally", example: "mput *.csv", args: []argKind{argLocal}, argsRepeat: true, changesRemote: true},
		{name: "MVSGET", min: 4, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "get an MVS data set with its attributes (z/OS only)"},
		{name: "MVSPUT", min: 4, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "put an MVS data set with its attributes (z/OS only)"},
		{name: "NOOP", min: 2, code: 25, exit: true, conn: true, run: (*Interpreter).noop,
			help: "check that the server answers (NOOP)", example: "noop"},
		{name: "OPEN", min: 1, code: codeOpen, exit: true, run: (*Interpreter).open, usage: "host [port]",
			help: "connect to an FTP server and log in (netrc, else prompts); port 990 (TLSPORT) is implicit TLS as z/OS does it, the 220 in clear first (SECUREIMPLICITZOS TRUE); for a server that starts with the handshake, zftp ftps://host:port/", example: "open zos.example.com 21", changesRemote: true, opens: true},
		{name: "PASS", min: 2, code: 26, exit: true, conn: true, run: (*Interpreter).pass, usage: "password",
			help: "send your password (PASS); never shown in the transcript", example: "pass", changesRemote: true, secret: secretAll},
		{name: "PRIVATE", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).private,
			help: "protect data connections with TLS (PBSZ 0, PROT P); TLS sessions only", example: "private"},
		{name: "PROMPT", min: 4, code: codeUnretrieved, run: (*Interpreter).prompt,
			help: "toggle asking before each file of MGET, MPUT and MDELETE (interactive sessions)", example: "prompt"},
		{name: "PROTECT", min: 4, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).protect, usage: "CLEAR|PRIVATE|SAFE",
			help: "set the data protection level: CLEAR (PROT C) or PRIVATE (PROT P); SAFE is refused for TLS", example: "protect private"},
		{name: "PROXY", min: 4, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "run a subcommand on a secondary connection (not supported by zftp)"},
		{name: "PUT", min: 2, code: 27, exit: true, conn: true, run: (*Interpreter).put, usage: "local_file [remote_file]",
			help: "copy a local file to the server (STOR); the server replaces a remote file of the same name; with SUNIQUE on, STOU keeps it and the server reports the unique name", example: "put /tmp/data.bin data.bin", args: []argKind{argLocal, argRemote}, changesRemote: true},
		{name: "PWD", min: 2, code: 28, exit: true, conn: true, run: (*Interpreter).pwd,
			help: "show the remote working directory (PWD)", example: "pwd"},
		{name: "QUIT", min: 3, code: codeQuit, exit: true, run: (*Interpreter).quit,
			help: "end the connection and leave zftp", example: "quit"},
		{name: "QUOTE", min: 3, code: 30, exit: true, conn: true, run: (*Interpreter).quote, usage: "command [arguments]",
			help: "send a command to the server as typed", example: "quote SITE UMASK 022", changesRemote: true, secret: secretCommandOf},
		{name: "RECORD", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).struRecord,
			help: "set the record structure (STRU R); zftp refuses it"},
		{name: "RENAME", min: 3, code: 31, exit: true, conn: true, run: (*Interpreter).rename, usage: "old_name new_name",
			help: "rename a remote file (RNFR, RNTO)", example: "rename a.txt b.txt", args: []argKind{argRemote, argRemote}, changesRemote: true, remoteArg: true},
		{name: "REGET", min: 3, code: codeUnretrieved, extension: true, exit: true, conn: true, run: (*Interpreter).reget, usage: "remote_file [local_file]",
			help: "zftp extension (the BSD ftp and tnftp name): continue a partial local file from its size (REST, then RETR); without a local file, a GET", example: "reget big.iso", args: []argKind{argRemote, argLocal}, remoteArg: true},
		{name: "REPUT", min: 4, code: codeUnretrieved, extension: true, exit: true, conn: true, run: (*Interpreter).reput, usage: "local_file [remote_file]",
			help: "zftp extension (resuming uploads): continue a partial remote file from its size (SIZE, then REST and STOR, or APPE when the server refuses REST); a remote file larger than the local one is left alone; without a remote file, a PUT; for binary transfers", example: "reput big.iso", changesRemote: true, args: []argKind{argLocal, argRemote}},
		{name: "RESTART", min: 3, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).restart, usage: "offset",
			help: "start the next GET, PUT or APPEND at this byte offset (REST)", example: "restart 1048576"},
		{name: "RMDIR", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).rmdir, usage: "directory",
			help: "remove a remote directory (RMD)", example: "rmdir reports", args: []argKind{argRemote}, changesRemote: true},
		{name: "SAFE", min: 2, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).safe,
			help: "integrity-only data protection (PROT S): Kerberos only; refused for TLS"},
		{name: "SCHINESE", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to SCHINESE (DBCS; z/OS only)"},
		{name: "SENDPORT", min: 5, code: 32, exit: true, run: (*Interpreter).sendport,
			help: "toggle sending PORT; zftp always sends PORT (or uses PASV), so off is refused", example: "sendport"},
		{name: "SENDSITE", min: 5, code: 33, run: (*Interpreter).sendsite,
			help: "toggle sending SITE with data set attributes before PUT (z/OS data sets; no effect here)", example: "sendsite"},
		{name: "SITE", min: 2, code: 34, conn: true, run: (*Interpreter).site, usage: "parameters",
			help: "send server-specific parameters (SITE)", example: "site umask 022", changesRemote: true},
		{name: "SJISKANJI", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to SJISKANJI (DBCS; z/OS only)"},
		{name: "SRESTART", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "restart a checkpointed stream transfer (z/OS checkpointing only)"},
		{name: "STATUS", min: 3, code: 35, exit: true, run: (*Interpreter).statusCmd, usage: "[name]",
			help: "show the server's status (STAT), or a file's: LOCSTAT shows the local settings", example: "status"},
		{name: "STREAM", min: 4, code: codeUnretrieved, exit: true, conn: true, run: (*Interpreter).modeStream,
			help: "set stream mode (MODE S)", example: "stream"},
		{name: "STRUCTURE", min: 3, code: 36, exit: true, conn: true, run: (*Interpreter).structure, usage: "F|R",
			help: "set the file structure: F (file); R (record) is refused", example: "structure f"},
		{name: "SUNIQUE", min: 2, code: 37, exit: true, run: (*Interpreter).suniqueCmd, usage: "[On|Off] [NAME|NONAME]",
			help: "store-unique for PUT and MPUT: ON sends STOU (with the remote name, or without it with NONAME) and the server reports the unique name; no On or Off toggles", example: "sunique on"},
		{name: "SYSTEM", min: 2, code: 38, exit: true, conn: true, run: (*Interpreter).system,
			help: "show the server's operating system (SYST)", example: "system"},
		{name: "TCHINESE", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to TCHINESE (DBCS; z/OS only)"},
		{name: "TSO", min: 3, code: 9, run: (*Interpreter).notSupported, zosOnly: true,
			help: "run a TSO command (z/OS only)"},
		{name: "TYPE", min: 2, code: 40, exit: true, conn: true, run: (*Interpreter).typeCmd, usage: "A|E|I",
			help: "set the transfer type: A (ASCII), E (EBCDIC), I (Image); without an argument, show it", example: "type i"},
		{name: "UCS2", min: 2, code: codeUnretrieved, exit: true, run: (*Interpreter).notSupported, zosOnly: true,
			help: "set the transfer type to UCS-2 (z/OS only)"},
		{name: "USER", min: 1, code: 19, exit: true, conn: true, run: (*Interpreter).user, usage: "user_id [password]",
			help: "log on to the server (USER, PASS, ACCT as the server asks)", example: "user ibmuser", changesRemote: true, secret: secretPassword},
		{name: "VERBOSE", min: 1, code: codeUnretrieved, run: (*Interpreter).verbose,
			help: "toggle verbose mode: message IDs shown or not", example: "verbose"},
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
		if w != "" && strings.HasPrefix(s.name, w) {
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
