// Package mirrorflood is a hostile FTP server for tests of MIRROR's
// memory and loop bounds: its MLSD streams as many entries as asked
// without holding them, and a directory can list itself. It speaks just
// enough FTP for zftp (USER, PASS, FEAT with MLST, TYPE, PORT/EPRT, PASV/EPSV,
// MLSD, RETR, MDTM, SIZE, PWD, CWD, QUIT) on loopback, in clear.
//
// Directories, by path (the MLSD argument, slashes trimmed):
//   - "flood": Entries file entries ("type=file;size=1;modify=...;
//     unique=fN; nameM"), the names cycling over Names distinct ones so
//     that a run copies only Names files however many entries are listed;
//   - "loop" and anything below it: one file "f" and a directory "sub"
//     whose unique fact is always the same, as a symbolic link to its
//     parent would make;
//   - anything else: empty.
//
// RETR of any name sends one byte, "x"; MDTM answers the modify time of
// every entry.
package mirrorflood

import (
	"bufio"
	"fmt"
	"net"
	"strings"
)

// Modify is the modify fact of every entry (and MDTM's answer).
const Modify = "20200102030405"

// Server is a hostile MLSD server.
type Server struct {
	Entries int // entries of "flood"
	Names   int // distinct names among them (at least 1)
}

// Serve answers the connections of ln until it is closed.
func (s Server) Serve(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go s.session(c)
	}
}

// session runs one control connection.
func (s Server) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	w := bufio.NewWriter(c)
	reply := func(format string, args ...any) {
		fmt.Fprintf(w, format+"\r\n", args...)
		w.Flush()
	}
	var data net.Listener
	active := "" // PORT/EPRT address, when the client listens
	defer func() {
		if data != nil {
			data.Close()
		}
	}()
	reply("220 mirrorflood ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		switch strings.ToUpper(verb) {
		case "USER":
			reply("331 password")
		case "PASS":
			reply("230 logged in")
		case "FEAT":
			reply("211-Features:\r\n MLST type*;size*;modify*;unique*;\r\n SIZE\r\n MDTM\r\n EPSV\r\n PASV\r\n211 End")
		case "TYPE", "OPTS", "MODE", "STRU":
			reply("200 OK")
		case "SYST":
			reply("215 UNIX Type: L8")
		case "PWD", "XPWD":
			reply(`257 "/" is the directory`)
		case "CWD":
			reply("250 OK")
		case "MDTM":
			reply("213 " + Modify)
		case "SIZE":
			reply("213 1")
		case "PORT", "EPRT":
			a, ok := activeAddr(verb, arg)
			if !ok {
				reply("501 bad address")
				continue
			}
			active = a
			reply("200 OK")
		case "PASV", "EPSV":
			active = ""
			if data != nil {
				data.Close()
			}
			data, err = net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				reply("425 no data port")
				continue
			}
			port := data.Addr().(*net.TCPAddr).Port
			if strings.EqualFold(verb, "EPSV") {
				reply("229 Entering Extended Passive Mode (|||%d|)", port)
			} else {
				reply("227 Entering Passive Mode (127,0,0,1,%d,%d)", port>>8, port&0xff)
			}
		case "MLSD", "RETR":
			var dc net.Conn
			switch {
			case active != "":
				dc, err = net.Dial("tcp", active)
				active = ""
			case data != nil:
				dc, err = data.Accept()
				data.Close()
				data = nil
			default:
				reply("425 use PASV or PORT first")
				continue
			}
			if err != nil {
				reply("425 no data connection")
				continue
			}
			reply("150 here it comes")
			bw := bufio.NewWriterSize(dc, 64<<10)
			if strings.EqualFold(verb, "RETR") {
				bw.WriteString("x")
			} else {
				s.list(bw, strings.Trim(arg, "/"))
			}
			err = bw.Flush()
			dc.Close()
			if err != nil {
				reply("426 broken")
				continue
			}
			reply("226 done")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// activeAddr reads the loopback address of PORT h1,h2,h3,h4,p1,p2 or
// EPRT |1|127.0.0.1|port|; only 127.0.0.1 is accepted.
func activeAddr(verb, arg string) (string, bool) {
	if strings.EqualFold(verb, "EPRT") {
		f := strings.Split(arg, "|")
		if len(f) != 5 || f[2] != "127.0.0.1" {
			return "", false
		}
		return net.JoinHostPort(f[2], f[3]), true
	}
	var h [4]int
	var p1, p2 int
	if n, _ := fmt.Sscanf(arg, "%d,%d,%d,%d,%d,%d", &h[0], &h[1], &h[2], &h[3], &p1, &p2); n != 6 || h != [4]int{127, 0, 0, 1} {
		return "", false
	}
	return fmt.Sprintf("127.0.0.1:%d", p1<<8|p2), true
}

// list writes the MLSD entries of dir.
func (s Server) list(w *bufio.Writer, dir string) {
	switch {
	case dir == "flood":
		names := max(1, s.Names)
		for i := range s.Entries {
			fmt.Fprintf(w, "type=file;size=1;modify=%s;unique=f%d; name%07d\r\n", Modify, i%names, i%names)
		}
	case dir == "loop" || strings.HasPrefix(dir, "loop/"):
		fmt.Fprintf(w, "type=file;size=1;modify=%s;unique=file; f\r\n", Modify)
		w.WriteString("type=dir;modify=" + Modify + ";unique=the-loop; sub\r\n")
	}
}
