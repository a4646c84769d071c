package zos

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// SUNIQUE (IBM, IP User's Guide and Commands, "SUnique subcommand—Changes
// the storage method"): SUnique [On|Off] [NAME|NONAME]. By default the
// setting is OFF NAME and PUT and MPUT send STOR; with ON they send STOU,
// which keeps an existing remote file and stores the data under a unique
// name that the server reports ("FTP sends the unique name of the created
// foreign data set or file to the local host, where the data set or file
// name is displayed on your terminal": the server's reply, which the
// transcript shows). NAME sends the remote name with STOU, NONAME sends
// STOU alone. SUNIQUE does not apply to GET (that is BSD ftp's runique).

// suniqueState is the SUNIQUE setting.
type suniqueState struct {
	on     bool // PUT and MPUT send STOU
	noName bool // NONAME: STOU without the remote name
}

// String is the setting as IBM writes it: "OFF NAME" (the default).
func (s suniqueState) String() string {
	v := "OFF"
	if s.on {
		v = "ON"
	}
	if s.noName {
		return v + " NONAME"
	}
	return v + " NAME"
}

// suniqueCmd sets SUNIQUE: SUnique [On|Off] [NAME|NONAME]. Without On or
// Off it toggles; NAME or NONAME is set as it is turned on or off.
func (a *Interpreter) suniqueCmd(c *call) error {
	next := a.sunique
	var onOff, name bool
	for _, w := range c.args {
		switch strings.ToUpper(w) {
		case "ON", "OFF":
			if onOff {
				return a.usage(c)
			}
			onOff, next.on = true, strings.EqualFold(w, "ON")
		case "NAME", "NONAME":
			if name {
				return a.usage(c)
			}
			name, next.noName = true, strings.EqualFold(w, "NONAME")
		default:
			return a.usage(c)
		}
	}
	if !onOff {
		next.on = !a.sunique.on
	}
	a.sunique = next
	a.out.Printf(transcript.MsgLocalStatus, "Store unique (SUNIQUE) is "+next.String())
	return nil
}

// storeFunc returns how PUT and MPUT store a file: STOR, or STOU while
// SUNIQUE is on.
func (a *Interpreter) storeFunc() storeFunc {
	if !a.sunique.on {
		return (*job).stor
	}
	noName := a.sunique.noName
	return func(j *job, ctx context.Context, name string, r io.Reader, off int64) (*client.Transfer, error) {
		return j.storeUnique(ctx, name, r, off, noName)
	}
}

// errRestartUnique refuses RESTART before a PUT that sends STOU: a new
// file has nothing to continue.
var errRestartUnique = errors.New("RESTART does not apply with SUNIQUE on: STOU stores a new file")

// storeUnique sends STOU (with the remote name unless NONAME). The server
// names the file it created in its reply, which the transcript shows; when
// it names none, a warning says so, since the file's name is then unknown.
func (j *job) storeUnique(ctx context.Context, name string, r io.Reader, off int64, noName bool) (*client.Transfer, error) {
	if off > 0 {
		j.out.Printf(transcript.MsgUsage, errRestartUnique.Error())
		return nil, shown(ecUsage, errRestartUnique)
	}
	if noName {
		name = ""
	}
	t, unique, err := j.sess.Stou(ctx, name, r)
	if err == nil && unique == "" {
		j.out.Printf(transcript.MsgStouNoName)
	}
	return t, err
}
