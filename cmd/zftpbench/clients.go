//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// op is what one client invocation does.
type op int

const (
	opGet     op = iota // one file down
	opPut               // one file up
	opMget              // nfiles small files down, one session
	opMput              // nfiles small files up, one session
	opSession           // connect, log in, GET one 4 KiB file, QUIT
)

// endpoint is a running server the clients talk to.
type endpoint struct {
	name       string // vsftpd, proftpd, zftpd
	host       string
	port       int
	user, pass string
	home       string        // the login's root on disk
	uid, gid   int           // owner of files the server writes (-1: leave)
	tls        bool          // explicit TLS with PROT P
	caFile     string        // PEM CA of the server certificate (tls)
	rtt        time.Duration // round trip a relay adds (latency rows), or 0
}

// invocation is one client run: argv, stdin, and where its output lands.
type invocation struct {
	argv  []string
	stdin string
}

// job is one run of a workload: paths the clients read or write.
type job struct {
	ep       *endpoint
	op       op
	src      string // local file to PUT (opPut) / local dir of small files (opMput)
	remote   string // remote file name (opGet, opPut, opSession), relative to the login root
	out      string // local file (opGet, opSession) or local dir (opMget)
	rdir     string // remote dir (opMget: small, opMput: up)
	nfiles   int
	zftp     string // binary
	zftpData string // FTP.DATA for zftp (TLS or plain)
}

func (j *job) url(path string) string {
	return fmt.Sprintf("ftp://%s:%d/%s", j.ep.host, j.ep.port, path)
}

// zftpInvocation: the zftp binary in batch mode, passive data connections (as the peers use),
// TLS required with PROT P (SECURE_DATACONN PRIVATE in FTP.DATA) for TLS endpoints.
func (j *job) zftpInvocation(extra ...string) invocation {
	args := []string{j.zftp, "-v", "-e", "-i", "--passive", "-f", j.zftpData}
	args = append(args, extra...)
	if j.ep.tls {
		args = append(args, "-r", "TLS", "--keyring", j.ep.caFile)
	}
	args = append(args, j.ep.host, strconv.Itoa(j.ep.port))
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\nbinary\n", j.ep.user, j.ep.pass)
	switch j.op {
	case opGet, opSession:
		fmt.Fprintf(&b, "get %s %s (replace\n", j.remote, j.out)
	case opPut:
		fmt.Fprintf(&b, "put %s %s\n", j.src, j.remote)
	case opMget:
		fmt.Fprintf(&b, "cd %s\nlcd %s\nmget * (replace\n", j.rdir, j.out)
	case opMput:
		fmt.Fprintf(&b, "cd %s\nlcd %s\nmput *\n", j.rdir, j.src)
	}
	b.WriteString("quit\n")
	return invocation{argv: args, stdin: b.String()}
}

// curlInvocation: one curl process; many files are one invocation with a URL glob, so curl
// keeps one control connection for all of them.
func (j *job) curlInvocation() invocation {
	args := []string{"curl", "-sS", "--fail", "-u", j.ep.user + ":" + j.ep.pass}
	if j.ep.tls {
		args = append(args, "--ssl-reqd", "--cacert", j.ep.caFile)
	}
	last := fmt.Sprintf("%04d", j.nfiles)
	switch j.op {
	case opGet, opSession:
		args = append(args, "-o", j.out, j.url(j.remote))
	case opPut:
		args = append(args, "-T", j.src, j.url(j.remote))
	case opMget:
		args = append(args, "-o", filepath.Join(j.out, "f#1.bin"),
			j.url(fmt.Sprintf("%s/f[0001-%s].bin", j.rdir, last)))
	case opMput:
		args = append(args, "-T", filepath.Join(j.src, fmt.Sprintf("f[0001-%s].bin", last)),
			j.url(j.rdir+"/"))
	}
	return invocation{argv: args}
}

// lftpInvocation: one lftp -c script; it stops at the first failing command. With mirror,
// MGET and MPUT are `mirror --parallel=N` (MPUT: `mirror -R`) instead of mget and mput.
func (j *job) lftpInvocation(mirror bool) invocation {
	s := []string{
		"set cmd:fail-exit yes", "set net:max-retries 1", "set net:timeout 60",
		"set xfer:clobber on", "set cmd:interactive no",
	}
	if j.ep.tls {
		s = append(s, "set ftp:ssl-force yes", "set ftp:ssl-protect-data yes",
			"set ssl:ca-file "+j.ep.caFile, "set ssl:verify-certificate yes")
	} else {
		s = append(s, "set ftp:ssl-allow no")
	}
	s = append(s, fmt.Sprintf("open -u %s,%s ftp://%s:%d", j.ep.user, j.ep.pass, j.ep.host, j.ep.port))
	switch j.op {
	case opGet, opSession:
		s = append(s, fmt.Sprintf("get %s -o %s", j.remote, j.out))
	case opPut:
		s = append(s, fmt.Sprintf("put %s -o %s", j.src, j.remote))
	case opMget:
		if mirror {
			s = append(s, fmt.Sprintf("mirror --parallel=%d %s %s", parallelN, j.rdir, j.out))
		} else {
			s = append(s, "cd "+j.rdir, "lcd "+j.out, "mget *")
		}
	case opMput:
		if mirror {
			s = append(s, fmt.Sprintf("mirror -R --parallel=%d %s %s", parallelN, j.src, j.rdir))
		} else {
			s = append(s, "cd "+j.rdir, "lcd "+j.src, "mput *")
		}
	}
	return invocation{argv: []string{"lftp", "-c", strings.Join(s, "; ")}}
}

func (j *job) invocation(client string) invocation {
	switch client {
	case "zftp", zftpParallel:
		return j.zftpInvocation(extraArgs[client]...)
	case "curl":
		return j.curlInvocation()
	case floorName:
		return j.floorInvocation(1)
	case floorParallelName:
		return j.floorInvocation(parallelN)
	case lftpMirror:
		return j.lftpInvocation(true)
	default:
		return j.lftpInvocation(false)
	}
}

// floorInvocation: this program as the floor client (floor.go) in sessions sessions, the
// password on stdin.
func (j *job) floorInvocation(sessions int) invocation {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	op, local := "mget", j.out
	if j.op == opMput {
		op, local = "mput", j.src
	}
	argv := []string{self, "--floor", op}
	if sessions > 1 {
		argv = append(argv, "-P", strconv.Itoa(sessions))
	}
	argv = append(argv, j.ep.host, strconv.Itoa(j.ep.port), j.ep.user, j.rdir, local)
	return invocation{argv: argv, stdin: j.ep.pass + "\n"}
}

// writeFTPData writes the FTP.DATA files zftp gets with -f.
func writeFTPData(dir string) (plain, tls string, err error) {
	plain = filepath.Join(dir, "ftp.data.plain")
	tls = filepath.Join(dir, "ftp.data.tls")
	if err = os.WriteFile(plain, []byte("; zftpbench: plain FTP, defaults\n"), 0o644); err != nil {
		return
	}
	err = os.WriteFile(tls, []byte("; zftpbench: protected data connections\nSECURE_DATACONN PRIVATE\n"), 0o644)
	return
}
