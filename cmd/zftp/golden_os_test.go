package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/zftp/zftp/internal/platformtest"
)

// The goldens are written on Linux. What a Windows run says differently,
// for reasons of the OS and not of zftp, is stated here once:
//
//   - the system's words for an error ("File not found." where Linux
//     says "no such file or directory", "connectex" for "connect"): the
//     transcript is read with the Unix words (platformtest.UnixWords);
//   - file modes: Windows has no group and other bits, so zftpd's LIST
//     shows a writable file as -rw-rw-rw- and a directory as drwxrwxrwx;
//   - a local path zftp builds (LCD, LPWD, LOCSTAT) joins its elements
//     with '\';
//   - where zftp itself behaves differently on Windows (a netrc is never
//     refused for its mode: Windows has no mode bits), the session has
//     its own golden, testdata/NAME.windows.golden.

// osTranscript is a normalised transcript as compareGolden compares it on
// this OS.
func osTranscript(got string) string {
	return platformtest.UnixWords(got)
}

// windowsLocalPath matches a local path zftp built, after $TMP.
var windowsLocalPath = regexp.MustCompile(`((?:EZA2578I Local directory name set to hierarchical file |Local directory is )\$TMP)(\S*)`)

// osGolden returns the golden transcript want as a run on this OS gives it.
func osGolden(want string) string {
	if runtime.GOOS != "windows" {
		return want
	}
	want = strings.NewReplacer("EZA2284I -rw-r--r-- ", "EZA2284I -rw-rw-rw- ", "EZA2284I drwxr-xr-x ", "EZA2284I drwxrwxrwx ").Replace(want)
	return windowsLocalPath.ReplaceAllStringFunc(want, func(s string) string {
		m := windowsLocalPath.FindStringSubmatch(s)
		return m[1] + strings.ReplaceAll(m[2], "/", `\`)
	})
}

// goldenPath returns the golden file of session name on this OS: its
// NAME.windows.golden on Windows when there is one, else NAME.golden.
func goldenPath(name string) string {
	if runtime.GOOS == "windows" {
		p := filepath.Join("testdata", name+".windows.golden")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join("testdata", name+".golden")
}
