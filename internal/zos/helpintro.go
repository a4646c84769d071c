package zos

// "?" alone shows introductory information about FTP (IBM, IP User's
// Guide and Commands, "HElp and ? subcommands": "If you enter the ?
// subcommand by itself, you see introductory information about FTP";
// HELP without a parameter shows the menu of subcommands). IBM's text is
// not published; these lines are zftp's.
var introLines = []string{
	"zftp copies files between this host and a foreign host with FTP, as the z/OS FTP client does.",
	"  OPEN host [port] connects; USER user_id [password] logs in (after OPEN the client asks).",
	"  GET and PUT copy one file, MGET and MPUT several; DIR and LS list the foreign host's files;",
	"  CD and LCD change the foreign and the local directory; ASCII and BINARY set the transfer type.",
	"  LOCSTAT shows the local settings, STATUS the foreign host's; QUIT ends the session.",
	"HELP lists the subcommands, HELP name shows one, HELP ALL describes them all.",
}

// helpIntro writes the introductory information ("?" alone).
func (a *Interpreter) helpIntro() {
	for _, l := range introLines {
		a.helpLine(l)
	}
}
