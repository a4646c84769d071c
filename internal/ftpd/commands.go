package ftpd

import (
	"crypto/subtle"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// command describes how one verb is handled.
type command struct {
	fn       func(s *session, arg string)
	needArg  bool // 501 without an argument
	anyState bool // allowed before login
}

// commandTable maps each verb to its handler.
func commandTable() map[string]command {
	return map[string]command{
		"USER": {fn: (*session).cmdUser, needArg: true, anyState: true},
		"PASS": {fn: (*session).cmdPass, anyState: true},
		"ACCT": {fn: (*session).cmdAcct},
		"QUIT": {fn: (*session).cmdQuit, anyState: true},
		"FEAT": {fn: (*session).cmdFeat, anyState: true},
		"SYST": {fn: (*session).cmdSyst, anyState: true},
		"HELP": {fn: (*session).cmdHelp, anyState: true},
		"NOOP": {fn: (*session).cmdNoop, anyState: true},
		"OPTS": {fn: (*session).cmdOpts, needArg: true},
		"PWD":  {fn: (*session).cmdPwd},
		"XPWD": {fn: (*session).cmdPwd},
		"CWD":  {fn: (*session).cmdCwd, needArg: true},
		"XCWD": {fn: (*session).cmdCwd, needArg: true},
		"CDUP": {fn: (*session).cmdCdup},
		"XCUP": {fn: (*session).cmdCdup},
		"MKD":  {fn: (*session).cmdMkd, needArg: true},
		"XMKD": {fn: (*session).cmdMkd, needArg: true},
		"RMD":  {fn: (*session).cmdRmd, needArg: true},
		"XRMD": {fn: (*session).cmdRmd, needArg: true},
		"DELE": {fn: (*session).cmdDele, needArg: true},
		"RNFR": {fn: (*session).cmdRnfr, needArg: true},
		"RNTO": {fn: (*session).cmdRnto, needArg: true},
		"SIZE": {fn: (*session).cmdSize, needArg: true},
		"TYPE": {fn: (*session).cmdType, needArg: true},
		"MODE": {fn: (*session).cmdMode, needArg: true},
		"STRU": {fn: (*session).cmdStru, needArg: true},
		"REST": {fn: (*session).cmdRest, needArg: true},
		"RETR": {fn: (*session).cmdRetr, needArg: true},
		"STOR": {fn: (*session).cmdStor, needArg: true},
		"APPE": {fn: (*session).cmdAppe, needArg: true},
		"STOU": {fn: (*session).cmdStou}, // stou.go
		"LIST": {fn: (*session).cmdList},
		"NLST": {fn: (*session).cmdNlst},
		"PASV": {fn: (*session).cmdPasv},
		"EPSV": {fn: (*session).cmdEpsv},
		"PORT": {fn: (*session).cmdPort, needArg: true},
		"EPRT": {fn: (*session).cmdEprt, needArg: true},
		"STAT": {fn: (*session).cmdStat},
		"SITE": {fn: (*session).cmdSite, needArg: true},
		"ABOR": {fn: (*session).cmdAbor},
	}
}

// handle runs one command line.
func (s *session) handle(line string) {
	verb, arg, _ := strings.Cut(line, " ")
	verb = strings.ToUpper(verb)
	switch {
	case verb == "PASS":
		s.log.Info("command", "verb", verb)
	case s.queued:
		s.log.Info("command", "line", line, "queued", true)
	default:
		s.log.Info("command", "line", line)
	}
	s.srv.opts.Faults.delayFor(s.srv.ctx, s.srv.opts.Faults.DelayFor[verb])
	if forced, ok := s.srv.opts.Faults.forcedReply(verb); ok {
		s.closePassive()
		s.replyRaw(forced)
		return
	}
	if s.injectReply(verb) {
		return
	}
	if verb == "MLSD" && s.srv.opts.Faults.MLSDLines != nil && s.loggedIn {
		s.mlsdFault()
		return
	}
	cmd, ok := s.srv.cmds[verb]
	switch {
	case !ok:
		s.reply(500, "'"+verb+"': command not understood")
	case !cmd.anyState && !s.loggedIn:
		s.reply(530, "Please login with USER and PASS")
	case cmd.needArg && arg == "":
		s.reply(501, "Syntax error in parameters or arguments")
	default:
		if verb != "RNTO" {
			s.renFrom = ""
		}
		cmd.fn(s, arg)
	}
}

func (s *session) cmdUser(arg string) {
	if s.srv.opts.requireTLS() && !s.secured {
		s.reply(530, s.msgs.needTLS)
		return
	}
	s.user, s.loggedIn = arg, false
	s.reply(331, s.msgs.needPassword)
}

func (s *session) cmdPass(arg string) {
	switch {
	case s.srv.opts.requireTLS() && !s.secured:
		s.reply(530, s.msgs.needTLS)
		return
	case s.loggedIn:
		s.reply(230, "Already logged in")
		return
	case s.user == "":
		s.reply(503, "Login with USER first")
		return
	}
	want, ok := s.srv.opts.Users[s.user]
	if !ok || subtle.ConstantTimeCompare([]byte(want), []byte(arg)) != 1 {
		s.log.Info("login failed", "user", s.user)
		s.user = ""
		s.reply(530, "Login incorrect")
		return
	}
	s.srv.opts.Faults.delayFor(s.srv.ctx, s.srv.opts.Faults.LoginDelay)
	s.loggedIn = true
	s.log.Info("logged in", "user", s.user)
	dir := s.cwd
	if s.srv.opts.MVS {
		dir = s.mvsLogin()
	}
	s.reply(230, s.msgs.loggedIn(s.user, dir))
}

func (s *session) cmdAcct(string) { s.reply(202, "ACCT not necessary") }

func (s *session) cmdQuit(string) {
	s.quit = true
	s.reply(221, s.msgs.goodbye)
}

func (s *session) cmdFeat(string) {
	lines := []string{"Features:"}
	if s.tlsCfg != nil {
		lines = append(lines, " AUTH TLS", " AUTH SSL", " PBSZ", " PROT")
		if s.srv.opts.CCC == CCCAccept {
			lines = append(lines, " CCC")
		}
	}
	lines = append(lines, " EPSV", " EPRT", " PASV", " SIZE", " REST STREAM", " UTF8")
	if s.srv.opts.Faults.MLSDLines != nil {
		lines = append(lines, " MLST type*;size*;modify*;")
	}
	lines = append(lines, "End")
	s.replyLines(211, lines)
}

func (s *session) cmdSyst(string) { s.reply(215, s.msgs.syst) }

func (s *session) cmdNoop(string) { s.reply(200, s.msgs.noop) }

func (s *session) cmdHelp(string) {
	lines := []string{"The following commands are recognized:"}
	var row []string
	for _, verb := range slices.Sorted(maps.Keys(s.srv.cmds)) {
		row = append(row, verb)
		if len(row) == 8 {
			lines = append(lines, " "+strings.Join(row, " "))
			row = nil
		}
	}
	if len(row) > 0 {
		lines = append(lines, " "+strings.Join(row, " "))
	}
	s.replyLines(214, append(lines, "Help OK"))
}

func (s *session) cmdOpts(arg string) {
	if strings.EqualFold(strings.Join(strings.Fields(arg), " "), "UTF8 ON") {
		s.reply(200, "Always in UTF8 mode")
		return
	}
	s.reply(501, "Option not understood")
}

func (s *session) cmdSite(string) { s.reply(200, s.msgs.site) }

func (s *session) cmdAbor(string) {
	s.closePassive()
	s.reply(225, "No transfer to abort")
}

func (s *session) cmdStat(arg string) {
	if arg != "" {
		s.reply(504, "STAT with a path is not implemented")
		return
	}
	typ := "ASCII"
	if s.binary {
		typ = "BINARY"
	}
	wd := quotePath(s.cwd)
	if s.mvs != nil {
		wd = s.mvs.statName()
	}
	lines := []string{
		"zftpd status:",
		" Logged in as " + s.user,
		" TYPE: " + typ + ", MODE: Stream, STRUcture: File",
		" Working directory " + wd,
	}
	if s.tlsCfg != nil {
		lines = append(lines, " "+s.securityStatus())
	}
	s.replyLines(211, append(lines, "End of status"))
}

func (s *session) cmdType(arg string) {
	f := strings.Fields(strings.ToUpper(arg))
	switch {
	case len(f) == 1 && f[0] == "I", len(f) == 2 && f[0] == "L" && f[1] == "8":
		s.binary = true
		s.reply(200, s.msgs.typeSet("I"))
	case len(f) == 1 && f[0] == "A", len(f) == 2 && f[0] == "A" && f[1] == "N":
		s.binary = false
		s.reply(200, s.msgs.typeSet("A"))
	case len(f) >= 1 && (f[0] == "A" || f[0] == "E" || f[0] == "L"):
		s.reply(504, "Type not implemented for that parameter")
	default:
		s.reply(501, "Unrecognized TYPE")
	}
}

func (s *session) cmdMode(arg string) {
	if strings.EqualFold(arg, "S") {
		s.reply(200, "Mode set to S")
		return
	}
	s.reply(504, "Only MODE S is supported")
}

func (s *session) cmdStru(arg string) {
	if strings.EqualFold(arg, "F") {
		s.reply(200, "Structure set to F")
		return
	}
	s.reply(504, "Only STRU F is supported")
}

func (s *session) cmdRest(arg string) {
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || n < 0 {
		s.reply(501, "REST requires a non-negative integer")
		return
	}
	s.restart = n
	s.reply(350, "Restarting at "+arg+". Send STORE or RETRIEVE to initiate transfer")
}
