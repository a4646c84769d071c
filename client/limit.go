package client

import (
	"errors"
	"fmt"
)

// ErrListTooLong reports a listing over the entries or bytes of names a
// ListLimit allows.
var ErrListTooLong = errors.New("listing too long")

// ListLimit bounds a listing that a caller holds in memory: a hostile
// server can send names without end. The zero value takes
// DefaultListLimit's bounds.
type ListLimit struct {
	Entries int // most entries
	Bytes   int // most bytes of names, all entries together
}

// DefaultListLimit is the bound of a listing held whole: a million names,
// 64 MiB of them.
var DefaultListLimit = ListLimit{Entries: 1_000_000, Bytes: 64 << 20}

// Counter returns a fresh count against l.
func (l ListLimit) Counter() *ListCounter {
	if l.Entries <= 0 {
		l.Entries = DefaultListLimit.Entries
	}
	if l.Bytes <= 0 {
		l.Bytes = DefaultListLimit.Bytes
	}
	return &ListCounter{limit: l}
}

// ListCounter counts the names of one listing against a ListLimit: the
// one bounded collector behind every listing zftp holds in memory.
type ListCounter struct {
	limit          ListLimit
	entries, bytes int
}

// Add counts one name; past the limit it returns an error wrapping
// ErrListTooLong (and keeps returning it).
func (c *ListCounter) Add(name string) error {
	c.entries++
	c.bytes += len(name)
	switch {
	case c.entries > c.limit.Entries:
		return fmt.Errorf("%w (more than %d entries)", ErrListTooLong, c.limit.Entries)
	case c.bytes > c.limit.Bytes:
		return fmt.Errorf("%w (more than %d bytes of names)", ErrListTooLong, c.limit.Bytes)
	}
	return nil
}
