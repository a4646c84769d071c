package client

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParsePathReply extracts the directory from the text of a 257 reply:
// the first quoted string, with "" inside it standing for one quote
// (RFC 959 appendix II). `"'TIFFANY.'" is working directory.` gives
// 'TIFFANY.'.
func ParsePathReply(text string) (string, error) {
	start := strings.IndexByte(text, '"')
	if start < 0 {
		return "", fmt.Errorf("257 reply: %w: no quoted path in %q", ErrMalformedReply, clip(text))
	}
	var b strings.Builder
	for i := start + 1; i < len(text); i++ {
		if text[i] != '"' {
			b.WriteByte(text[i])
			continue
		}
		if i+1 < len(text) && text[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("257 reply: %w: unterminated path in %q", ErrMalformedReply, clip(text))
}

// ParsePASV extracts the address from the text of a 227 reply: the first
// run of six comma-separated numbers h1,h2,h3,h4,p1,p2.
func ParsePASV(text string) (*net.TCPAddr, error) {
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		if addr, ok := parseSix(text[i:]); ok {
			return addr, nil
		}
		for i < len(text) && text[i] >= '0' && text[i] <= '9' {
			i++
		}
	}
	return nil, fmt.Errorf("227 reply: %w: no address in %q", ErrMalformedReply, clip(text))
}

func parseSix(s string) (*net.TCPAddr, bool) {
	var n [6]int
	for k := 0; k < 6; k++ {
		j := 0
		for j < len(s) && j < 4 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == 0 || j > 3 {
			return nil, false
		}
		v, _ := strconv.Atoi(s[:j])
		if v > 255 {
			return nil, false
		}
		n[k] = v
		s = s[j:]
		if k < 5 {
			if len(s) == 0 || s[0] != ',' {
				return nil, false
			}
			s = s[1:]
		}
	}
	ip := net.IPv4(byte(n[0]), byte(n[1]), byte(n[2]), byte(n[3]))
	return &net.TCPAddr{IP: ip, Port: n[4]<<8 | n[5]}, true
}

// ParseEPSV extracts the port from the text of a 229 reply:
// "(<d><d><d><port><d>)" where <d> is one delimiter character (RFC 2428).
func ParseEPSV(text string) (int, error) {
	open := strings.IndexByte(text, '(')
	end := strings.LastIndexByte(text, ')')
	if open < 0 || end < open+5 {
		return 0, fmt.Errorf("229 reply: %w: %q", ErrMalformedReply, clip(text))
	}
	inner := text[open+1 : end]
	d := inner[0]
	if d < 33 || d > 126 || inner[1] != d || inner[2] != d || inner[len(inner)-1] != d {
		return 0, fmt.Errorf("229 reply: %w: bad delimiters in %q", ErrMalformedReply, clip(text))
	}
	port, err := strconv.Atoi(inner[3 : len(inner)-1])
	if err != nil || port < 1 || port > 65535 {
		return 0, fmt.Errorf("229 reply: %w: bad port in %q", ErrMalformedReply, clip(text))
	}
	return port, nil
}

// FormatPORT returns the argument of PORT for an IPv4 address.
func FormatPORT(addr *net.TCPAddr) (string, error) {
	ip4 := addr.IP.To4()
	if ip4 == nil {
		return "", fmt.Errorf("PORT needs an IPv4 address, have %s", addr.IP)
	}
	if addr.Port < 1 || addr.Port > 65535 {
		return "", fmt.Errorf("PORT: invalid port %d", addr.Port)
	}
	return fmt.Sprintf("%d,%d,%d,%d,%d,%d", ip4[0], ip4[1], ip4[2], ip4[3], addr.Port>>8, addr.Port&0xff), nil
}

// FormatEPRT returns the argument of EPRT: |1|a.b.c.d|port| or |2|v6|port|.
func FormatEPRT(addr *net.TCPAddr) (string, error) {
	if addr.Port < 1 || addr.Port > 65535 {
		return "", fmt.Errorf("EPRT: invalid port %d", addr.Port)
	}
	proto := "2"
	ip := addr.IP.String()
	if ip4 := addr.IP.To4(); ip4 != nil {
		proto, ip = "1", ip4.String()
	}
	return fmt.Sprintf("|%s|%s|%d|", proto, ip, addr.Port), nil
}
