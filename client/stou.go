package client

import (
	"context"
	"io"
	"regexp"
	"strings"
)

// Stou uploads r with STOU (RFC 959 4.1.3, store unique): the server
// stores the data under a name not in use in the target directory. With
// name "" STOU is sent without an argument and the server picks the whole
// name; otherwise name is the name asked for, which the server keeps when
// it is free (as the z/OS client's SUNIQUE NAME sends it). In ASCII type,
// LF in r becomes CRLF on the wire, as for Stor.
//
// The returned string is the unique name the server reports: from the
// 125 or 150 reply ("150 FILE: name", RFC 1123 4.1.2.9), from the final
// reply as RFC 959 has it (wu-ftpd's "226 Transfer complete (unique file
// name:name)", pure-ftpd's "226-FILE: name"), or from the z/OS server's
// "125 Storing data set name". It is "" when the server names no file;
// the upload may still have succeeded.
func (s *Session) Stou(ctx context.Context, name string, r io.Reader) (*Transfer, string, error) {
	rec := &stouReplies{}
	defer s.begin(alsoObserve(ctx, rec))()
	t, err := s.upload("STOU", name, r, 0)
	return t, rec.unique(), err
}

// stouReplies is the per-call observer of a Stou (beside the caller's,
// alsoObserve): it keeps the replies to find the unique name in.
type stouReplies struct {
	replies []*Reply
}

// Observe keeps a reply.
func (o *stouReplies) Observe(e Event) {
	if r, ok := e.(ReplyReceived); ok && r.Reply != nil && len(o.replies) < maxStouReplies {
		o.replies = append(o.replies, r.Reply)
	}
}

// maxStouReplies bounds the replies a Stou keeps (the start replies and
// the final one; Config.MaxPreliminary bounds them further).
const maxStouReplies = 16

// uniqueNameRE finds the unique name in a reply line: RFC 1123's
// "FILE: name" (after the code, or on a continuation line), wu-ftpd's
// "(unique file name:name)", and the z/OS server's "Storing data set
// name".
var uniqueNameRE = []*regexp.Regexp{
	regexp.MustCompile(`^(?:\d{3}[ -])?\s*FILE:\s*(.*\S)\s*$`),
	regexp.MustCompile(`\(unique file name:\s*([^)]*[^)\s])\s*\)`),
	regexp.MustCompile(`^\d{3}[ -]Storing data set (\S+)`),
}

// unique returns the first name the replies give, or "".
func (o *stouReplies) unique() string {
	for _, r := range o.replies {
		if r.Code/100 != 1 && r.Code/100 != 2 {
			continue
		}
		for _, l := range r.Lines {
			for _, re := range uniqueNameRE {
				if m := re.FindStringSubmatch(l); m != nil && !strings.ContainsAny(m[1], "\x00\r\n") {
					return m[1]
				}
			}
		}
	}
	return ""
}
