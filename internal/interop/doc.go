// Package interop runs the zftp client engine against real FTP servers — vsftpd, proftpd,
// pure-ftpd, pyftpdlib, Twisted's FTP server and GNU inetutils ftpd, as Debian 12 packages
// them — started on 127.0.0.1 for the duration of a test.
//
// The servers are installed by scripts/install-test-deps.sh (as root): proftpd from the Debian
// package at /usr/sbin/proftpd; vsftpd, pure-ftpd and inetutils ftpd unpacked into
// $ZFTP_SERVERS_DIR (default /opt/zftp-servers); pyftpdlib and Twisted as Python libraries that
// scripts of this package (scripts/*.py) run with /usr/bin/python3, as the test user; and a
// local test user whose credentials are in $ZFTP_SERVERS_DIR/credentials. inetutils ftpd runs
// as inetd would run it, in a mount namespace of its own (see writeInetutils).
//
// The environment variable ZFTP_INTEROP decides whether the tests run:
//
//	ZFTP_INTEROP=require  run; a missing binary, missing credentials or a failed start fails the
//	                      test (CI and `make test` set this);
//	ZFTP_INTEROP=auto     run where the servers are installed, skip (with the reason) elsewhere;
//	unset or "off"        skip every interop test, with a message naming the install script.
//
// Any other value fails the tests, so that a typo cannot turn CI's interop run into skips.
//
// Each test function starts its server once (StartVsftpd, StartProftpd, or Start
// with a Kind) on a free loopback port, with a passive port range of its own (inetutils ftpd
// has none) and a generated configuration in a t.TempDir(); the test user's FTP root is a
// fresh directory owned by that user, and the server's process group is killed in t.Cleanup.
// Only 127.0.0.1 is ever used.
//
// Tests that run on every Kind state, per server, the features it lacks (lacks in
// features_test.go): the test then checks the server's refusal instead, never skips.
// TestInteropTable measures every feature on every server, and on zftpd --mvs (this
// repository's server playing a z/OS server's MVS side, in-process through client/ftptest, in
// MVS terms: table_mvs_test.go); with ZFTP_INTEROP_TABLE=path set (make interop-table) it
// writes docs/interop.md from what the servers did. TestInteropTableZftpdMVS measures the
// zftpd --mvs column alone, without real servers, whatever ZFTP_INTEROP says.
//
// The harness is Linux-only (process groups, parent-death signal, mount namespaces, Debian
// packages); on other systems the package holds only this documentation.
package interop
