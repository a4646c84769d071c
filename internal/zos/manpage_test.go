package zos

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestManPageSubcommands: every subcommand is in the man page (cmd/zftp's
// TestManPage compares the whole page with docs/zftp.1).
func TestManPageSubcommands(t *testing.T) {
	var b strings.Builder
	ManPage(&b, pflag.NewFlagSet("zftp", pflag.ContinueOnError))
	page := b.String()
	for _, s := range newTable() {
		if !strings.Contains(page, `\fB`+roff(displayName(s))+`\fR`) {
			t.Errorf("man page lacks subcommand %s", s.name)
		}
	}
}
