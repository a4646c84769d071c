package platformtest

import "syscall"

// UnderWine reports whether the process runs under wine rather than on
// Windows itself: wine's ntdll.dll exports wine_get_version, Windows'
// does not.
func UnderWine() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
