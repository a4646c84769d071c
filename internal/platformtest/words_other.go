//go:build !windows

package platformtest

// windowsTwins is empty off Windows: the Unix texts are the system's.
var windowsTwins = map[string][]error{}
