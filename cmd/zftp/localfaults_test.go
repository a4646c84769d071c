//go:build unix

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/zftp/zftp/client/ftptest"
)

// localFault is a local fault: the subcommand meets it, the session goes on.
type localFault struct {
	name  string
	setup func(t *testing.T, tmp string) (cmd string) // returns the subcommand line
	rc    string                                      // regexp for EZA1735I "NNNNN, Error Code = NNNNN" with -e
	msg   string                                      // regexp the transcript must match
	check func(t *testing.T, tmp string)
}

func TestLocalFaults(t *testing.T) {
	rows := []localFault{
		{
			name: "disk_full",
			setup: func(t *testing.T, tmp string) string {
				// A private /dev/full (char 1,7), so that whatever GET does
				// to its target, the system's device is never touched.
				if err := unix.Mknod(filepath.Join(tmp, "full"), unix.S_IFCHR|0o666, int(unix.Mkdev(1, 7))); err != nil {
					t.Skipf("cannot make a /dev/full device node: %v", err)
				}
				return "get f.bin $TMP/full (replace"
			},
			rc:  `16\d\d\d, Error Code = 00020`,
			msg: `ZFT0104E get: .*no space left on device`,
			check: func(t *testing.T, tmp string) {
				fi, err := os.Lstat(filepath.Join(tmp, "full"))
				if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
					t.Errorf("GET replaced the device node with a regular file: %v %v", fi.Mode(), err)
				}
			},
		},
		{
			name: "unreadable_local_file",
			setup: func(t *testing.T, tmp string) string {
				// /proc/self/mem opens but fails to read at offset 0 (EIO),
				// even for root, whom file modes do not stop.
				if _, err := os.Stat("/proc/self/mem"); err != nil {
					t.Skip("no /proc")
				}
				return "put /proc/self/mem up.bin"
			},
			rc:  `27\d\d\d, Error Code = 00019`,
			msg: `(?i)ZFT01\d\dE .*(input/output error|i/o error)`,
		},
		{
			name: "missing_target_directory",
			setup: func(t *testing.T, tmp string) string {
				return "get f.bin $TMP/nodir/x.bin"
			},
			rc:  `16000, Error Code = 00018`,
			msg: `ZFT0104E get: .*nodir: no such file or directory`,
			check: func(t *testing.T, tmp string) {
				if _, err := os.Stat(filepath.Join(tmp, "nodir")); err == nil {
					t.Error("GET created the missing directory")
				}
			},
		},
		{
			name: "target_is_directory",
			setup: func(t *testing.T, tmp string) string {
				os.Mkdir(filepath.Join(tmp, "adir"), 0o755)
				return "get f.bin $TMP/adir"
			},
			rc:  `16000, Error Code = 00018`,
			msg: `ZFT0104E get: .*adir is a directory`,
		},
		{
			name: "missing_local_file",
			setup: func(t *testing.T, tmp string) string {
				return "put $TMP/none.bin"
			},
			rc:  `27000, Error Code = 00018`,
			msg: `ZFT0104E put: .*none.bin: no such file or directory`,
		},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM())
			srv.WriteFile(t, "f.bin", faultPayload)
			for _, exitOnError := range []bool{true, false} {
				tmp := t.TempDir()
				writeLocal(t, tmp, "old.bin", []byte(oldContent))
				cmd := strings.ReplaceAll(row.setup(t, tmp), "$TMP", tmp)
				before := listNames(t, tmp)
				args := []string{"-v", "-w", "10"}
				if exitOnError {
					args = append(args, "-e")
				}
				args = append(args, srv.Host, strconv.Itoa(srv.Port))
				out, _, status := runFrontEnd(t, tmp, args, srv.User+"\n"+srv.Password+"\n"+cmd+"\npwd\nquit\n")
				if exitOnError {
					checkReturnCode(t, row.rc, out, status)
					continue
				}
				if !regexp.MustCompile(row.msg).MatchString(out) {
					t.Errorf("transcript does not match %q:\n%s", row.msg, clip(out))
				}
				if i := strings.LastIndex(out, ">>> PWD"); i < 0 || !strings.Contains(out[i:], "257 ") {
					t.Errorf("the session did not go on:\n%s", clip(out))
				}
				if got := string(readLocal(t, tmp, "old.bin")); got != oldContent {
					t.Error("old file changed")
				}
				assertFiles(t, tmp, before)
				if row.check != nil {
					row.check(t, tmp)
				}
			}
		})
	}
}

// listNames returns the names in dir, for assertFiles.
func listNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}
