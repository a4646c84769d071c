package main

import (
	"time"

	"github.com/zftp/zftp/client"
)

// settings is what the front end and the engine need to know about the
// session. It is built from the command line only, in settingsFromFlags;
// when the config package (FTP.DATA, LOCSITE) lands, this is the one place
// that changes: defaults, then FTP.DATA, then flags.
type settings struct {
	Verbose       bool              // show message IDs (-v, VERBOSE)
	AlwaysShowIDs bool              // show message IDs even when not verbose (--msgids)
	AutoLogin     bool              // prompt for user and password after connecting (not -n)
	ExitOnError   bool              // -e, CLIENTEXIT TRUE
	Debug         bool              // -d, DEBUG (no trace output yet)
	Prompting     bool              // not -i
	Timeout       time.Duration     // -w: connect and reply timeout; 0 = engine defaults
	SourceAddr    string            // -s
	DataMethod    client.DataMethod // --data-method / --passive (FWFRIENDLY, EPSV4 later)
}

// settingsFromFlags builds the settings from the parsed command line.
func settingsFromFlags(f *flags) settings {
	m, _ := parseDataMethod(f.dataMethod) // checked by parseFlags
	if f.passive {
		m = client.Passive
	}
	return settings{
		Verbose:       f.verbose,
		AlwaysShowIDs: f.msgIDs,
		AutoLogin:     !f.noAutoLogin,
		ExitOnError:   f.exitOnError,
		Debug:         f.debug,
		Prompting:     !f.noPrompt,
		Timeout:       time.Duration(f.timeout) * time.Second,
		SourceAddr:    f.srcAddr,
		DataMethod:    m,
	}
}

// clientConfig returns the engine configuration for these settings.
func (s settings) clientConfig(obs client.Observer) client.Config {
	return client.Config{
		DataMethod:     s.DataMethod,
		ConnectTimeout: s.Timeout,
		ReplyTimeout:   s.Timeout,
		LocalAddr:      s.SourceAddr,
		Observer:       obs,
	}
}
