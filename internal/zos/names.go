package zos

import (
	"errors"
	"fmt"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// collectNames runs NLST pattern and returns its names, bounded as every
// listing zftp holds is (client.DefaultListLimit, one client.ListCounter):
// the list is streamed (client.Session.NameList) and collected, since the
// names are acted on once the listing has ended; past either bound the
// subcommand fails with MsgNameListTooLong instead of growing without
// limit.
func (a *Interpreter) collectNames(sub, pattern string) ([]string, error) {
	var names []string
	count := client.DefaultListLimit.Counter()
	_, err := a.sess.NameList(a.ctx, pattern, func(name string) error {
		if err := count.Add(name); err != nil {
			return err
		}
		names = append(names, name)
		return nil
	})
	if errors.Is(err, client.ErrListTooLong) {
		l := client.DefaultListLimit
		a.out.Printf(transcript.MsgNameListTooLong, sub, l.Entries, l.Bytes)
		return nil, shown(ecSession, fmt.Errorf("%s %s: %w", sub, pattern, err))
	}
	return names, err
}
