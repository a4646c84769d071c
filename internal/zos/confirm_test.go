package zos

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestParseAnswer: IBM's answers to "Mput FILE1 (Yes|No|Quit|Stop
// prompting)?" (IP User's Guide, "PROMpt subcommand") and their first
// letters, in any case; a is kept as another name for stop prompting; any
// other reply is no answer (asked again), never yes or no.
func TestParseAnswer(t *testing.T) {
	for in, want := range map[string]answer{
		"": answerYes, "y": answerYes, "Yes": answerYes, " YES ": answerYes,
		"n": answerNo, "no": answerNo, "NO": answerNo,
		"q": answerQuit, "Quit": answerQuit,
		"s": answerStop, "stop": answerStop, "Stop prompting": answerStop, "stop  prompting": answerStop,
		"a": answerStop, "all": answerStop,
		"maybe": answerNone, "ye": answerNone, "x": answerNone, "stopp": answerNone, "yes please": answerNone,
	} {
		if got := parseAnswer(in); got != want {
			t.Errorf("parseAnswer(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestMputPrompt: an interactive MPUT and MDELETE with PROMPT on ask
// IBM's question before each file. yes sends FILE1, no skips FILE2, a
// reply that is no answer is asked again, Stop prompting sends FILE3 and
// FILE4 without asking; quit at MDELETE deletes nothing and stops.
func TestMputPrompt(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	r := ibmRun{
		name:   "mput_prompt",
		source: "IP User's Guide and Commands \"PROMpt subcommand—Toggle interactive prompting for M* commands\" (MPut example: Mput FILE1 (Yes|No|Quit|Stop prompting)?)",
		flags:  Flags{Verbose: true},
		input:  "$USER\n$PASS\nmput FILE1 FILE2 FILE3 FILE4\nyes\nno\nmaybe\nStop prompting\nmdelete FILE1\nq\nquit\n",
		setup: func(t *testing.T, _ *ftptest.Server, work string) {
			for _, n := range []string{"FILE1", "FILE2", "FILE3", "FILE4"} {
				if err := os.WriteFile(filepath.Join(work, n), []byte(n+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		},
	}
	r.run(t, srv)
	for name, want := range map[string]bool{"FILE1": true, "FILE2": false, "FILE3": true, "FILE4": true} {
		_, err := os.Stat(srv.Path(name))
		if got := err == nil; got != want {
			t.Errorf("%s on the server: %v, want %v", name, got, want)
		}
	}
}
