//go:build !windows

package zos

// osTimeout reports a timeout that the error's Timeout method does not;
// on Unix, syscall.Errno's Timeout already covers ETIMEDOUT.
func osTimeout(err error) bool { return false }
