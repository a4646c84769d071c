//go:build !windows

package zos

// localNameProblem reports why a name that arrives from the server cannot
// be a file in the local directory beyond what validLocalName checks on
// every OS (a path, "..", control characters). Unix and macOS allow every
// other name.
func localNameProblem(name string) error { return nil }
