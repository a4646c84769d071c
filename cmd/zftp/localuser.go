package main

import "strings"

// accountName returns the user name of an OS account name for the NAME
// (host:user) prompt: on Windows os/user gives "DOMAIN\user" (a machine
// or domain, a backslash, the name), and the server wants the name alone
// (Enter at the prompt would send "USER VM\root"). A name without a
// backslash, as every Unix one is, is returned as it is.
func accountName(s string) string {
	if i := strings.LastIndexByte(s, '\\'); i >= 0 {
		return s[i+1:]
	}
	return s
}
