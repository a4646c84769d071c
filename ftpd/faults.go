package ftpd

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Faults makes a Server misbehave on purpose, so that tests can exercise
// a client's error handling. The zero value injects nothing.
type Faults struct {
	// DropDataAfter, when positive, makes RETR, STOR and APPE move only
	// this many bytes of file data, close the data connection early and
	// answer "426 Connection closed; transfer aborted." (after the usual
	// 150 or 125 start reply).
	DropDataAfter int64

	// ReplyCodeFor maps a command verb to a whole reply line that is sent
	// instead of running the command, for example {"RETR": "550 forced"}.
	// Verbs are matched case-insensitively; each reply must start with a
	// three-digit code. A reply of only a code gets the text "forced".
	ReplyCodeFor map[string]string

	// Delay is slept before every reply, including the greeting.
	Delay time.Duration

	// ClosingReplyAfterData makes a transfer that has moved all its data
	// (RETR, STOR, APPE, LIST, NLST) end with
	// "451 Requested action aborted: local error in processing." instead
	// of the completion reply.
	ClosingReplyAfterData bool
}

// validate checks the forced replies.
func (f Faults) validate() error {
	for verb, reply := range f.ReplyCodeFor {
		if !validReply(reply) {
			return fmt.Errorf("ftpd: Faults.ReplyCodeFor[%q] = %q: want a reply starting with a code such as \"550\"", verb, reply)
		}
	}
	return nil
}

// validReply reports whether s starts with a reply code (100-599) that is
// followed by nothing or a space.
func validReply(s string) bool {
	if len(s) < 3 || s[0] < '1' || s[0] > '5' || !isDigit(s[1]) || !isDigit(s[2]) {
		return false
	}
	return len(s) == 3 || s[3] == ' '
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// normalized returns a copy of f with upper-case verbs in ReplyCodeFor and
// a text for replies that are a bare code.
func (f Faults) normalized() Faults {
	if f.ReplyCodeFor == nil {
		return f
	}
	m := make(map[string]string, len(f.ReplyCodeFor))
	for verb, reply := range f.ReplyCodeFor {
		if len(reply) == 3 {
			reply += " forced"
		}
		m[strings.ToUpper(verb)] = reply
	}
	f.ReplyCodeFor = m
	return f
}

// forcedReply returns the reply forced for verb, if any.
func (f *Faults) forcedReply(verb string) (string, bool) {
	r, ok := f.ReplyCodeFor[verb]
	return r, ok
}

// delay sleeps for the configured Delay or until ctx is done.
func (f *Faults) delay(ctx context.Context) {
	if f.Delay <= 0 {
		return
	}
	t := time.NewTimer(f.Delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// dataLimit returns how many bytes a transfer may move, or -1 for no limit.
func (f *Faults) dataLimit() int64 {
	if f.DropDataAfter > 0 {
		return f.DropDataAfter
	}
	return -1
}
