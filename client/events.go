package client

import (
	"net"
	"time"
)

// Observer receives the events of a session, in order, on the goroutine
// that caused them. Observe must not call back into the Session.
type Observer interface {
	Observe(Event)
}

// ObserverFunc adapts a function to the Observer interface.
type ObserverFunc func(Event)

// Observe calls f(e).
func (f ObserverFunc) Observe(e Event) { f(e) }

// Event is one of the event types below.
type Event interface{ isEvent() }

// Connecting is reported before the control connection is dialled.
type Connecting struct {
	Host string // the host as given to Dial
	Addr string // the IP address being dialled
	Port int
}

// Connected is reported once the control connection is up.
type Connected struct {
	Local, Remote string
}

// CommandSent is reported for every command written to the control
// connection. For PASS the argument is removed: Line is "PASS".
type CommandSent struct {
	Verb string // upper-case verb, e.g. "RETR"
	Line string // the line as sent, without CRLF, password removed
}

// ReplyReceived is reported for every reply read from the control connection,
// preliminary (1xx) ones included.
type ReplyReceived struct {
	Reply *Reply
}

// TransferStarted is reported when a data transfer begins (after the 1xx
// reply and once the data connection is open).
type TransferStarted struct {
	Command string // RETR, STOR, APPE, LIST or NLST
	Name    string // the remote name or listing argument
	Size    int64  // the bytes a download should carry when known (SIZE, a listing), else -1
}

// TransferProgress is reported as data moves; Bytes is the running total
// of bytes on the data connection.
type TransferProgress struct {
	Bytes int64
}

// TransferFinished is reported when a transfer completed successfully.
type TransferFinished struct {
	Command  string
	Name     string
	Bytes    int64 // bytes carried by the data connection
	Duration time.Duration
}

// Warning is reported for something worth telling the user that does not
// fail the command, such as a refused EPSV that the engine answers with
// PASV.
type Warning struct {
	Message string
}

// ForeignPassiveAddress is reported when a 227 reply names an address
// other than the server's (a server behind NAT, or an FTP bounce attempt,
// RFC 2577): Followed says whether the data connection goes to Named
// (Config.PassiveFollowAddr) or, by default, to Server, the control
// connection's peer. With Config.PassiveIgnoreAddr the peer is used and
// nothing is reported.
type ForeignPassiveAddress struct {
	Named    net.IP // the address of the 227 reply
	Server   net.IP // the control connection's peer
	Followed bool
}

func (Connecting) isEvent()       {}
func (Connected) isEvent()        {}
func (CommandSent) isEvent()      {}
func (ReplyReceived) isEvent()    {}
func (TransferStarted) isEvent()  {}
func (TransferProgress) isEvent() {}
func (TransferFinished) isEvent() {}
func (Warning) isEvent()          {}

func (ForeignPassiveAddress) isEvent() {}
