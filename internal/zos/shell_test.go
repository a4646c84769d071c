package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/transcript"
)

// runLocal runs a batch job that connects nowhere, in the local
// directory work, and returns its transcript.
func runLocal(t *testing.T, work, input string) string {
	t.Helper()
	empty := t.TempDir()
	set := bareSettings(t, &Flags{Verbose: true}, empty)
	var out bytes.Buffer
	in := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(strings.NewReader(input), true),
		LocalUser: "TESTER",
		WorkDir:   work,
	})
	in.Run("", 0)
	return out.String()
}

func TestBackgroundCommand(t *testing.T) {
	tests := []struct {
		in, line string
		bg       bool
	}{
		{"sleep 10 &", "sleep 10", true},
		{"notepad x.txt &  ", "notepad x.txt", true},
		{"job&", "job", true},
		{"ls -l", "ls -l", false},
		{"a && b", "a && b", false},
		{"a &&", "a &&", false},
		{`echo \&`, `echo \&`, false},
		{"echo ^&", "echo ^&", false},
		{"&", "", false},
		{" & ", " & ", false},
	}
	for _, tt := range tests {
		line, bg := backgroundCommand(tt.in)
		if bg != tt.bg || bg && line != tt.line {
			t.Errorf("%q: %q, %v; want %q, %v", tt.in, line, bg, tt.line, tt.bg)
		}
	}
}

// TestShellEscape: "!" runs the system's shell in the local directory
// (sh -c on Unix, %ComSpec% /C on Windows, where echo keeps the quotes it
// is given) and shows the output line by line, without cmd.exe's CR.
func TestShellEscape(t *testing.T) {
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "here.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	list, quoted := "ls", "a b"
	if runtime.GOOS == "windows" {
		list, quoted = "dir /b", `"a b"`
	}
	got := runLocal(t, work, "! echo \"a b\"\n! "+list+"\nquit\n")
	for _, want := range []string{"\n" + quoted + "\n", "\nhere.txt\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in the transcript:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\r") {
		t.Errorf("a CR in the transcript:\n%q", got)
	}
}

// TestShellBackground: "! command &" starts the command and goes on at
// once, saying its process ID; the job does not wait for it. The command
// is this test binary, which waits until the test tells it to stop.
func TestShellBackground(t *testing.T) {
	if stop := os.Getenv("ZFTP_TEST_SLEEPER"); stop != "" {
		for i := 0; i < 300; i++ { // at most 30 s
			if _, err := os.Stat(stop); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		os.WriteFile(stop+".seen", nil, 0o644)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Not t.TempDir: the command runs there, and Windows cannot remove a
	// directory a process is in; the cleanup stops it, then removes it.
	work, err := os.MkdirTemp("", "zftp-shell-")
	if err != nil {
		t.Fatal(err)
	}
	stop, started := filepath.Join(work, "stop"), filepath.Join(work, "started")
	t.Cleanup(func() {
		os.WriteFile(stop, nil, 0o644)
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(stop + ".seen"); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		for i := 0; i < 20 && os.RemoveAll(work) != nil; i++ {
			time.Sleep(100 * time.Millisecond) // the shell may still be ending
		}
	})
	var cmd string
	if runtime.GOOS == "windows" {
		cmd = `set ZFTP_TEST_SLEEPER=` + stop + `&& echo x>started&& "` + exe + `"`
	} else {
		cmd = "touch started; ZFTP_TEST_SLEEPER='" + stop + "' '" + exe + "'"
	}
	cmd += " -test.run=^TestShellBackground$"
	begin := time.Now()
	got := runLocal(t, work, "! "+cmd+" &\nquit\n")
	if d := time.Since(begin); d > 10*time.Second {
		t.Errorf("the job waited %v for the background command", d)
	}
	if !regexp.MustCompile(`Started in the background, process ID \d+: `).MatchString(got) {
		t.Fatalf("no background message:\n%s", got)
	}
	for i := 0; i < 100; i++ { // the command did start, in the local directory
		if _, err := os.Stat(started); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("the background command did not run in the local directory:\n%s", got)
}
