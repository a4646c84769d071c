package zos

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestCompleteQuoting: local names with blanks are completed inside
// double quotes, as quotedFields reads a name (issue 21): a file closed
// (`"a b" `), a directory left open to go on typing (`"my dir/`); a
// partly typed `"a` continues inside the quotes; a name the rule cannot
// write (a blank and a double quote) is not offered; an unquoted prefix
// does not reach a name with a blank (the quote cannot be put before it).
// Every candidate starts with the word CompletionWord says is typed.
func TestCompleteQuoting(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a b.txt", "a1", `x "y z`, `q"r`}
	quoteName := `q"r `
	if runtime.GOOS == "windows" {
		// Windows names cannot hold a double quote.
		names, quoteName = names[:2], ""
	}
	for _, f := range names {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "my dir", "in side"), 0o755)
	os.WriteFile(filepath.Join(dir, "my dir", "f.txt"), nil, 0o644)
	a := &Interpreter{table: newTable(), localDir: dir, set: &Settings{}}
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"put ", withName([]string{`"a b.txt" `, `"my dir/`, "a1 "}, quoteName)},
		{`put "a`, []string{`"a b.txt" `, `"a1" `}},
		{`put "a b`, []string{`"a b.txt" `}},
		{`put "my dir/`, []string{`"my dir/f.txt" `, `"my dir/in side/`}},
		{`put "my dir/in`, []string{`"my dir/in side/`}},
		{"put a", []string{"a1 "}},
		{`mput "a b.txt" `, withName([]string{`"a b.txt" `, `"my dir/`, "a1 "}, quoteName)}, // the next argument
		{`put "x`, nil},
		{"lcd ", []string{`"my dir/`}},
	} {
		got := a.Complete(tt.line)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %q, want %q", tt.line, got, tt.want)
		}
		cur := CompletionWord(tt.line)
		for _, c := range got {
			if !strings.HasPrefix(c, cur) {
				t.Errorf("complete %q: %q does not start with the typed word %q", tt.line, c, cur)
			}
		}
		// What is inserted is read back as one name.
		for _, c := range got {
			if strings.HasSuffix(c, `" `) {
				if f := quotedFields(c); len(f) != 1 || strings.Contains(f[0], `"`) {
					t.Errorf("complete %q: %q reads back as %q, not one name", tt.line, c, f)
				}
			}
		}
	}
}

// TestCompleteExtensionsAndShell: REGET, REPUT and MIRROR arguments
// complete as the table's argument kinds say (MIRROR -R takes the local
// side first, as lftp does); "!" completes commands from PATH, typed with
// or without a blank, and local names after the command.
func TestCompleteExtensionsAndShell(t *testing.T) {
	// A command is a file with the execute bit on Unix, a program's
	// extension on Windows.
	exe, notExe := "zzfirst", "zznotexec"
	if runtime.GOOS == "windows" {
		exe, notExe = "zzfirst.exe", "zznotexec.txt"
	}
	dir, bin := t.TempDir(), t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "data.csv"), nil, 0o644)
	os.WriteFile(filepath.Join(bin, exe), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(bin, notExe), nil, 0o644)
	t.Setenv("PATH", bin)
	a := &Interpreter{table: newTable(), localDir: dir, set: &Settings{}}
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"reput ", []string{"data.csv ", "sub/"}},
		{"reput data.csv ", nil}, // remote: not connected
		{"reget ", nil},          // remote: not connected
		{"reget big.iso ", []string{"data.csv ", "sub/"}},
		{"mirror ", nil},                           // remote directory first
		{"mirror remote ", []string{"sub/"}},       // then the local directory
		{"mirror -R ", []string{"sub/"}},           // -R: the local directory first
		{"mirror -r s", []string{"sub/"}},          // the option in either case
		{"mirror -R sub/ ", nil},                   // then the remote one
		{"mirror -", nil},                          // an option is not completed
		{"! zz", []string{exe + " "}},              // commands from PATH, executable only
		{"!zz", []string{"!" + exe + " "}},         // typed without a blank
		{"! " + exe + " d", []string{"data.csv "}}, // then local names
		{"!" + exe + " d", []string{"data.csv "}},
	} {
		if got := a.Complete(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// withName returns names with name added, unless name is "".
func withName(names []string, name string) []string {
	if name == "" {
		return names
	}
	return append(names, name)
}
