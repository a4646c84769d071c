package zos

// returnCode is the value the client returns when it ends on an error:
// with EXIT=nn (-e=nn) the fixed nn, whatever CLIENTERRCODES says (IBM,
// IP User's Guide and Commands, "FTP return codes": "All possible computed
// return codes (excluding EXIT=nn) can be derived from" EZA1735I; the
// Configuration Assistant's "Converting return codes" and EZZ9830I name
// it rc_type FIX); otherwise the code CLIENTERRCODES chooses
// (returnedCode), and the client error code when that is 0, since a
// failure must not end with 0.
func (s *Settings) returnCode(subcommand, std, ec int) int {
	if s.fixedExit {
		return s.fixedExitCode
	}
	if v := returnedCode(s.cfg.ClientErrCodes, subcommand, std, ec); v != 0 {
		return v
	}
	return ec // no subcommand code and no reply
}
