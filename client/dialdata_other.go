//go:build !linux

package client

import "syscall"

// dataDialControl is nil off Linux: the data connection binds as usual.
var dataDialControl func(network, address string, c syscall.RawConn) error
