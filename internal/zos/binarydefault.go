package zos

import (
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// No silent corruption with the default settings. z/OS starts every
// session in TYPE A (RFC 959's default), which changes CR LF into LF on
// the way in: right for the text a z/OS user moves, a silent loss for a
// binary file fetched from a UNIX server. zftp's rule:
//
//   - At a terminal (stdin and stdout terminals), once a login succeeds,
//     zftp asks SYST, out of the transcript as Tab's NLST is; when the
//     server answers "215 UNIX Type: L8" (an 8-bit UNIX system: vsftpd,
//     proftpd, pure-ftpd, zftpd) it sends TYPE I, which the transcript
//     shows, and says so with ZFT0230I, as tnftp does. ascii (TYPE A)
//     switches back for the rest of the session. A z/OS or Windows server
//     keeps TYPE A.
//   - In batch (stdin not a terminal) nothing is asked or switched: a
//     z/OS job stream's transcript is unchanged.
//   - Everywhere, a GET in TYPE A whose data holds NUL bytes or CRs not
//     followed by LF, which text does not hold, gets ZFT0231W naming
//     binary, once per file and before the file is kept.

// unixSystem is the start of the SYST reply text of an 8-bit UNIX
// server (RFC 959 SYST; the system names of RFC 1700: "UNIX Type: L8").
const unixSystem = "UNIX Type: L8"

// binaryForUnix runs after a successful login: at a terminal, a session
// still in TYPE A whose server answers SYST with UNIX Type: L8 is switched
// to TYPE I, once per session. A URL fetch (which sends TYPE I itself) and
// batch input are left alone. A refused SYST or TYPE changes nothing.
func (a *Interpreter) binaryForUnix() {
	if a.src.EchoInput() || a.sess == nil || a.systAsked == a.sess ||
		a.sess.CurrentType() != client.TypeASCII || a.target != nil && a.target.Fetch() {
		return
	}
	a.systAsked = a.sess
	var text string
	if r, err := a.sess.Syst(unobserved(a.ctx)); err == nil && r.Code == 215 {
		text = strings.TrimSpace(r.Text())
	}
	if !strings.HasPrefix(text, unixSystem) {
		return
	}
	if _, err := a.sess.Type(a.ctx, client.TypeImage); err != nil {
		return // the reply is in the transcript; the session stays in TYPE A
	}
	a.out.Printf(transcript.MsgBinaryForUnix, text)
}

// textCheck warns, before a GET's file is kept, when data fetched in TYPE
// A held what text does not (client.Transfer's NUL and LoneCR counts).
func (j *job) textCheck(display string, t *client.Transfer) {
	if t != nil && t.NUL+t.LoneCR > 0 {
		j.out.Printf(transcript.MsgTextLooksBinary, display, t.NUL, t.LoneCR)
	}
}
