//go:build !windows

package platformtest

// UnderWine reports false: wine runs Windows programs only.
func UnderWine() bool { return false }
