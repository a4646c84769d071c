package zos

import (
	"strings"

	"github.com/zftp/zftp/transcript"
)

// The MGET, MPUT and MDELETE question, asked before each file while
// PROMPT is on in an interactive session (batch input is never asked).
// IBM's wording and answers (IP User's Guide and Commands, "PROMpt
// subcommand—Toggle interactive prompting for M* commands", the MPut
// example): "Mput FILE1 (Yes|No|Quit|Stop prompting)?".

// answer is what a reply to the question means.
type answer int

const (
	answerNone answer = iota // not an answer: the question is asked again
	answerYes                // this file
	answerNo                 // not this file; go on with the next
	answerQuit               // not this file, and stop the subcommand
	answerStop               // this file, and every further one without asking
)

// answers maps each accepted reply, in lower case, to its meaning: IBM's
// words and their first letters; Enter is yes, and a (all) is kept as
// another name of stop prompting, as earlier zftp releases offered it.
var answers = map[string]answer{
	"": answerYes, "y": answerYes, "yes": answerYes,
	"n": answerNo, "no": answerNo,
	"q": answerQuit, "quit": answerQuit,
	"s": answerStop, "stop": answerStop, "stop prompting": answerStop,
	"a": answerStop, "all": answerStop,
}

// parseAnswer returns the meaning of a reply to the question; blanks
// around it and its case do not matter.
func parseAnswer(s string) answer {
	a, ok := answers[strings.Join(strings.Fields(strings.ToLower(s)), " ")]
	if !ok {
		return answerNone
	}
	return a
}

// maxAsks bounds how many times one question is asked again after replies
// that are not answers.
const maxAsks = 5

// confirm asks "Verb name (Yes|No|Quit|Stop prompting)?" when prompting
// applies and reports whether to go on with name. A reply that is not an
// answer asks again (never taken as yes or no); the end of input, a read
// error, Ctrl-C, or too many such replies stop the subcommand as quit does.
func (a *Interpreter) confirm(verb, name string) bool {
	if !a.set.Prompting || a.src.EchoInput() || a.running.all {
		return true
	}
	for range maxAsks {
		a.out.Printf(transcript.MsgConfirm, verb, name)
		reply, err := a.readAnswer(false)
		if err != nil {
			break
		}
		switch parseAnswer(reply) {
		case answerYes:
			return true
		case answerNo:
			return false
		case answerStop:
			a.running.all = true
			return true
		case answerQuit:
			a.requestStop()
			return false
		}
	}
	a.requestStop()
	return false
}
