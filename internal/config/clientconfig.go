package config

import (
	"time"

	"github.com/zftp/zftp/client"
)

// NoTimeout stands for "timer not used" (a timer statement coded as 0):
// client.Config takes a zero duration as "use the default", so a long
// duration is used instead.
const NoTimeout = 10 * 365 * 24 * time.Hour

// ClientConfig maps the settings to the protocol engine's configuration:
//
//   - FWFRIENDLY FALSE (z/OS default): client.Active (PORT); TRUE:
//     client.Passive (PASV).
//   - EPSV4 TRUE: client.ExtendedPassive (EPSV) whatever FWFRIENDLY says,
//     as IBM's EPSV4 page states (the z/OS client sends EPRT only for proxy
//     transfers, which zftp does not do).
//   - PASSIVEIGNOREADDR TRUE coded: PassiveIgnoreAddr; FALSE coded:
//     PassiveFollowAddr; not coded: neither (the engine then uses the
//     control connection's address and warns when the 227 named another).
//   - MYOPENTIME: ConnectTimeout; INACTTIME: ReplyTimeout; DCONNTIME:
//     DataConnectTimeout; DATACTTIME: DataIdleTimeout. A timer coded 0 maps
//     to NoTimeout. CCONNTIME has no engine counterpart.
//   - SourceAddr (-s): LocalAddr.
//
// Observer and the line limits are left zero for the caller.
func (s *Settings) ClientConfig() client.Config {
	method := client.Active
	if s.FWFriendly {
		method = client.Passive
	}
	if s.EPSV4 {
		method = client.ExtendedPassive
	}
	return client.Config{
		DataMethod:         method,
		PassiveIgnoreAddr:  s.PassiveIgnoreAddrCoded && s.PassiveIgnoreAddr,
		PassiveFollowAddr:  s.PassiveIgnoreAddrCoded && !s.PassiveIgnoreAddr,
		ConnectTimeout:     seconds(s.MyOpenTime),
		ReplyTimeout:       seconds(s.InactTime),
		DataConnectTimeout: seconds(s.DConnTime),
		DataIdleTimeout:    seconds(s.DataCtTime),
		LocalAddr:          s.SourceAddr,
		NoPipelining:       !s.Pipeline,
		Type:               client.TypeASCII, // RFC 959's default, as the z/OS client starts
	}
}

// seconds converts a timer statement value; 0 means "not used".
func seconds(n int) time.Duration {
	if n <= 0 {
		return NoTimeout
	}
	return time.Duration(n) * time.Second
}
