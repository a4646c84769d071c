package ftpd

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the run if any server goroutine outlives the tests:
// every test closes its server, and Close must wait for them all.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if leak := serverGoroutines(); leak != "" {
			fmt.Fprintf(os.Stderr, "leaked goroutines:\n%s\n", leak)
			code = 1
		}
	}
	os.Exit(code)
}

func serverGoroutines() string {
	var leak string
	for range 50 {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		leak = ""
		for g := range strings.SplitSeq(string(buf), "\n\n") {
			if strings.Contains(g, "ftpd.(*session)") || strings.Contains(g, "ftpd.(*Server)") {
				leak += g + "\n\n"
			}
		}
		if leak == "" {
			return ""
		}
		time.Sleep(20 * time.Millisecond)
	}
	return leak
}
