package zos

import (
	"errors"
	"fmt"

	"github.com/zftp/zftp/transcript"
)

// Bounds of the name list MGET and MDELETE collect from NLST. The list is
// streamed (client.Session.NameList) and collected, since the names are
// acted on once the listing has ended; past either bound the subcommand
// fails with MsgNameListTooLong instead of growing without limit.
const (
	maxListNames = 1_000_000 // names
	maxListBytes = 64 << 20  // bytes of names
)

// errNameListTooLong marks a name list over maxListNames or maxListBytes.
var errNameListTooLong = errors.New("name list too long")

// collectNames runs NLST pattern and returns its names, bounded.
func (a *Interpreter) collectNames(sub, pattern string) ([]string, error) {
	var names []string
	size := 0
	_, err := a.sess.NameList(a.ctx, pattern, func(name string) error {
		size += len(name)
		if len(names) >= maxListNames || size > maxListBytes {
			return errNameListTooLong
		}
		names = append(names, name)
		return nil
	})
	if errors.Is(err, errNameListTooLong) {
		a.out.Printf(transcript.MsgNameListTooLong, sub, maxListNames, maxListBytes)
		return nil, shown(ecSession, fmt.Errorf("%s %s: %w", sub, pattern, err))
	}
	return names, err
}
