package zos

import (
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// -w bounds every wait of a command, whatever the server does: a flood of
// preliminary replies that never opens the data connection (active and
// passive mode) ends within about -w seconds, not after the cap of 100
// preliminary replies (20 s here).
func TestTimeoutFlagBoundsPreliminaryFlood(t *testing.T) {
	for _, passive := range []bool{false, true} {
		name := "active"
		if passive {
			name = "passive"
		}
		t.Run(name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{
				PreliminaryFloodFor: []string{"RETR"}, PreliminaryEvery: 200 * time.Millisecond}))
			srv.WriteFile(t, "f", []byte("data"))
			input := "get f\nquit\n"
			if passive {
				input = "locsite fwfriendly\n" + input
			}
			start := time.Now()
			status, out := runBatch(t, srv, Flags{Timeout: 2, ExitOnError: true}, t.TempDir(), input)
			if took := time.Since(start); took > 8*time.Second {
				t.Errorf("GET against a 1xx flood took %s with -w 2\n%s", took, out)
			}
			if status == 0 {
				t.Errorf("GET against a 1xx flood succeeded\n%s", out)
			}
		})
	}
}
