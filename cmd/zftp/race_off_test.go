//go:build !race

package main

// raceEnabled reports that the test binary runs with the race detector
// (see race_on_test.go).
const raceEnabled = false
