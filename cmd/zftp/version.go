package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// commit is set at build time with -ldflags "-X main.commit=..." (make
// build, make release); otherwise the VCS revision from the build
// information is used, when the build recorded one.
var commit = ""

// commitString returns the commit zftp was built from, or "unknown".
func commitString() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && s.Value != "" {
				if len(s.Value) > 12 {
					return s.Value[:12]
				}
				return s.Value
			}
		}
	}
	return "unknown"
}

// versionLine is what --version prints: the version, the commit, the Go
// version and the platform.
func versionLine() string {
	return fmt.Sprintf("zftp %s (commit %s, %s, %s/%s)", versionString(), commitString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// bannerText is the start-up line EZA1450I: z/OS prints "IBM FTP CS
// V2R5"; zftp names itself and what it is compatible with.
func bannerText() string {
	return fmt.Sprintf("zftp %s (IBM FTP CS compatible)", versionString())
}
