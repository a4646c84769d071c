package ftpd

import (
	"strings"
	"time"
)

// ibmMessages imitates the reply texts of the z/OS Communications Server
// FTP server (approximately: the wording is IBM's, the details are not).
func ibmMessages() *messages {
	return &messages{
		greeting: func(now time.Time) []string {
			return []string{
				"FTPD1 IBM FTP CS V2R5 at ZFTPD, " + now.Format("15:04:05") + " on " + now.Format("2006-01-02") + ".",
				"Connection will close if idle for more than 5 minutes.",
			}
		},
		needPassword: "Send password please.",
		loggedIn: func(user, dir string) string {
			return strings.ToUpper(user) + " is logged on.  Working directory is " + quotePath(dir) + "."
		},
		syst:      "MVS is the operating system of this server. FTP Server is running on z/OS.",
		goodbye:   "Quit command received. Goodbye.",
		cwd:       func(dir string) string { return quotePath(dir) + " is the HFS working directory." },
		pwd:       func(dir string) string { return quotePath(dir) + " is the HFS working directory." },
		mkd:       func(dir string) string { return quotePath(dir) + " created." },
		startCode: 125,
		sending:   func(_, name string, _ int64) string { return "Sending data set " + name },
		storing: func(_, name string, appending bool) string {
			if appending {
				return "Appending to data set " + name
			}
			return "Storing data set " + name
		},
		listing:  func(string) string { return "List started OK" },
		doneCode: 250,
		done:     "Transfer completed successfully.",
		listDone: "List completed successfully.",
		typeSet:  ibmTypeSet,
		portOK:   ibmPortOK,
		noop:     "OK",
		site:     "SITE command was accepted",

		authOK: "Security environment established - ready for negotiation",
		protSet: func(level string) string {
			return "Data connection protection is " + level + "."
		},
		needTLS:        "Secure connection required: AUTH must precede USER.",
		protCRefused:   "PROT C not accepted: SECURE_DATACONN is PRIVATE.",
		dataNeedsTLS:   codeText{425, "Server requires protected data connection"},
		reuseRequired:  "SSL connection failed; the data connection did not reuse the control connection's TLS session (SECURE_SESSION_REUSE REQUIRED)",
		cccOK:          "CCC command successful",
		cccRefused:     "CCC not supported",
		cccNotOnImplic: "Command ccc not allowed for connection to secure port",
	}
}

// ibmPortOK answers PORT as IBM's samples show it: IP User's Guide and
// Commands, "DIr subcommand" (dir.htm) and the IP Diagnosis Guide
// tutorial "Diagnosing FTP client problems": "200 Port request OK.". EPRT
// keeps the plain text (IBM's wording for it was not confirmed).
func ibmPortOK(verb string) string {
	if verb == "PORT" {
		return "Port request OK."
	}
	return verb + " command successful"
}

func ibmTypeSet(t string) string {
	switch t {
	case "A":
		return "Representation type is Ascii NonPrint"
	case "I":
		return "Representation type is Image"
	}
	return "Representation type is " + t
}
