package zos

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zftp/zftp/transcript"
)

// recordSource applies the batch INPUT grammar (input.go) to a batch
// LineSource: comment records are skipped wherever they appear (also
// between the user ID and the password), appended comments are removed,
// and under SEQNUMSUPPORT TRUE sequence numbers are removed. A blank
// record comes back as "" (where a user ID or password is expected it
// means "take it from NETRC"). Interactive sources are not wrapped: a
// terminal's lines are not INPUT records.
type recordSource struct {
	LineSource
	seqNums func() bool // SEQNUMSUPPORT, read per record (LOCSITE may change it)
}

// ReadLine returns the next record that is not a comment record.
func (r *recordSource) ReadLine() (string, error) { return r.next(r.LineSource.ReadLine) }

// ReadSecret returns the next record that is not a comment record, for a
// password.
func (r *recordSource) ReadSecret() (string, error) { return r.next(r.LineSource.ReadSecret) }

func (r *recordSource) next(read func() (string, error)) (string, error) {
	for {
		raw, err := read()
		if err != nil {
			return "", err
		}
		text, kind := CleanRecord(raw, InputRules{SeqNums: r.seqNums()})
		if kind != RecordComment {
			return text, nil
		}
	}
}

// batchRecords wraps src in the INPUT grammar when it is batch input
// (it echoes subcommands, as z/OS does for INPUT).
func batchRecords(src LineSource, set *Settings) LineSource {
	if src == nil || !src.EchoInput() {
		return src
	}
	return &recordSource{LineSource: src, seqNums: func() bool { return set.cfg.SeqNumSupport }}
}

// hostRecord reads the first INPUT record when no host was given
// (IBM, "Submitting FTP requests in batch": with no host in PARM the
// first record is "host [port]"). When the record is a subcommand
// instead (a job written to OPEN its host itself), it is run as one after
// the Command: prompt. Blank records before it are skipped, each with the
// prompt again. A record that cannot be a host record because it may
// hold a password (a URL, user@host, more words than host and port) is
// refused without being echoed. After a host record that could not be
// used, the login records that follow are dropped unseen (a password must
// never reach the transcript as a subcommand). It reports whether the
// loop must go on.
func (a *Interpreter) hostRecord() bool {
	var line string
	for {
		l, err := a.src.ReadLine()
		if errors.Is(err, io.EOF) {
			a.endOfInput()
			return false
		}
		if err != nil {
			a.failed(codeNone, true, withCode(ecInput, fmt.Errorf("read input: %w", err)))
			return !a.done
		}
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
		a.out.Printf(transcript.MsgConnectTo)
	}
	if a.isSubcommand(line) {
		a.out.Printf(transcript.MsgCommandPrompt)
		a.Execute(line)
		return !a.done
	}
	a.out.Printf(transcript.MsgConnectTo)
	if why := unusableHostRecord(line); why != "" {
		err := errors.New("host record not shown: " + why)
		a.out.Printf(transcript.MsgUsage, err.Error())
		a.failed(codeOpen, true, shown(ecUsage, err))
		a.expectLoginRecords("", "", "the host record could not be used")
		return !a.done
	}
	a.echo(line)
	h, err := ParseHostRecord(line)
	if err != nil {
		a.out.Printf(transcript.MsgUsage, err.Error())
		a.failed(codeOpen, true, shown(ecUsage, err))
		if !a.done {
			a.skipLoginLines(strings.Fields(line)[0])
		}
		return !a.done
	}
	port := h.Port
	if port == 0 {
		port = 21
	}
	a.obs.last = 0
	if err := a.connect(h.Host, port); err != nil {
		if errors.Is(err, errEndOfInput) {
			a.endOfInput()
			return false
		}
		a.failed(codeOpen, true, err)
	}
	return !a.done
}

// isSubcommand reports whether the record's first word names a subcommand
// (in full, by an abbreviation, or ambiguously).
func (a *Interpreter) isSubcommand(line string) bool {
	c, res := parseLine(a.table, line)
	return c != nil && (res.sub != nil || len(res.candidates) > 0)
}
