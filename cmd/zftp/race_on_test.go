//go:build race

package main

// raceEnabled reports that the test binary runs with the race detector:
// the zftp binary the pty tests build is then built with -race too, so
// that a data race inside a pty session fails the test.
const raceEnabled = true
