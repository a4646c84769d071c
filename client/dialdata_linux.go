package client

import "syscall"

// ipBindAddressNoPort is IP_BIND_ADDRESS_NO_PORT (linux/in.h, Linux 4.2),
// which package syscall does not name.
const ipBindAddressNoPort = 24

// dataDialControl asks the kernel to choose the data connection's local
// port at connect(2), not at bind(2): the dialer binds to the control
// connection's address with port 0, and a bind to port 0 searches the
// bind table for a free port (with many connections in TIME_WAIT after
// an MGET of small files, the costliest system call of a file), while
// connect picks one from the four-tuple. A kernel without the option
// binds as before.
func dataDialControl(_, _ string, c syscall.RawConn) error {
	c.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, ipBindAddressNoPort, 1)
	})
	return nil
}
