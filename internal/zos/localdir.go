package zos

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/zftp/zftp/transcript"
)

// errLocalDirectory is the cause of a PUT, APPEND or MPUT given a local
// directory.
var errLocalDirectory = fmt.Errorf("is a directory")

// localDirectory reports a local directory given to PUT, APPEND or MPUT
// (verb): it is not sent. A directory named as it is fails the subcommand
// with a local file access error; one a wildcard of MPUT matched is
// skipped (failed false) after the same message, as classic clients skip
// it, so that "mput *" still sends the files.
func (j *job) localDirectory(verb, dir string, failed bool) error {
	j.out.Printf(transcript.MsgLocalIsDir, dir, verb)
	if !failed {
		return errDeclined
	}
	return shown(ecFileAccess, fmt.Errorf("%s: %s %w", strings.ToLower(verb), dir, errLocalDirectory))
}

// hasGlobMeta reports whether a local pattern holds a wildcard that
// filepath.Glob expands.
func hasGlobMeta(p string) bool {
	return strings.ContainsAny(p, `*?[`)
}

// checkLocalName refuses, before anything is transferred, a local file
// path whose last element this OS cannot hold as a file name
// (localNameProblem: on Windows a device name such as CON or aux.log, a
// reserved character, a trailing blank or period), as a local file
// access error of subcommand sub.
func (a *Interpreter) checkLocalName(sub, local string) error {
	if err := localNameProblem(filepath.Base(local)); err != nil {
		return a.localError(ecFileAccess, sub, fmt.Errorf("%s: %w", local, err))
	}
	return nil
}
