package ftpd

import (
	"fmt"
	"strings"
	"time"
)

// messages holds the reply texts that differ between the plain server and
// the IBM imitation. Replies that are the same in both are written where
// they are sent.
type messages struct {
	greeting     func(now time.Time) []string // lines of the 220 reply
	needPassword string                       // 331
	loggedIn     func(user, dir string) string
	syst         string
	goodbye      string
	cwd          func(dir string) string // 250
	pwd          func(dir string) string // 257
	mkd          func(dir string) string // 257
	startCode    int                     // 150 or 125
	sending      func(kind, name string, size int64) string
	storing      func(kind, name string, appending bool) string
	listing      func(kind string) string
	doneCode     int // 226 or 250
	done         string
	listDone     string
	typeSet      func(t string) string
	portOK       func(verb string) string // 200 to PORT and EPRT
	noop         string
	site         string

	// TLS replies.
	authOK         string // 234
	protSet        func(level string) string
	needTLS        string   // 530: USER before AUTH under RequireTLS
	protCRefused   string   // 536: PROT C under RequireTLS
	dataNeedsTLS   codeText // a transfer under RequireTLS without PROT P
	reuseRequired  string   // 522: data session not resumed
	cccOK          string   // 200
	cccRefused     string   // 534
	cccNotOnImplic string   // 534 on an implicit session ("" = CCC allowed there)
}

// codeText is a reply code and its text.
type codeText struct {
	code int
	text string
}

// messagesFor returns the texts for IBM mode or plain mode.
func messagesFor(ibm bool) *messages {
	if ibm {
		return ibmMessages()
	}
	return plainMessages()
}

func plainMessages() *messages {
	return &messages{
		greeting:     func(time.Time) []string { return []string{"zftpd ready"} },
		needPassword: "Password required",
		loggedIn:     func(string, string) string { return "Login successful" },
		syst:         "UNIX Type: L8",
		goodbye:      "Goodbye",
		cwd:          func(string) string { return "Directory successfully changed" },
		pwd:          func(dir string) string { return quotePath(dir) + " is the current directory" },
		mkd:          func(dir string) string { return quotePath(dir) + " created" },
		startCode:    150,
		sending: func(kind, name string, size int64) string {
			return fmt.Sprintf("Opening %s mode data connection for %s (%d bytes)", kind, name, size)
		},
		storing: func(kind, name string, _ bool) string {
			return fmt.Sprintf("Opening %s mode data connection for %s", kind, name)
		},
		listing:  func(string) string { return "Opening ASCII mode data connection for file list" },
		doneCode: 226,
		done:     "Transfer complete",
		listDone: "Transfer complete",
		typeSet:  func(t string) string { return "Type set to " + t },
		portOK:   func(verb string) string { return verb + " command successful" },
		noop:     "NOOP ok",
		site:     "SITE command accepted",

		authOK:        "Proceed with negotiation.",
		protSet:       func(level string) string { return "PROT now " + level + "." },
		needTLS:       "Non-anonymous sessions must use encryption.",
		protCRefused:  "PROT C not allowed: data connections must be encrypted.",
		dataNeedsTLS:  codeText{522, "Data connections must be encrypted."},
		reuseRequired: "SSL connection failed; session reuse required: see require_ssl_reuse option in vsftpd.conf man page",
		cccOK:         "Clearing control channel protection",
		cccRefused:    "CCC not allowed by server policy",
	}
}

// quotePath returns dir in double quotes, doubling quotes inside it as
// RFC 959 asks for 257 replies.
func quotePath(dir string) string {
	return `"` + strings.ReplaceAll(dir, `"`, `""`) + `"`
}
