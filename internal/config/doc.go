// Package config holds zftp's client settings: one Settings value filled, in
// this order, from the built-in defaults (Defaults), an FTP.DATA file in z/OS
// statement syntax (Settings.ApplyFTPData, found with Find), command-line
// flags (Settings.Set) and LOCSITE subcommands at run time
// (Settings.ApplyLocsite). LocstatLines renders the settings for LOCSTAT and
// ClientConfig maps them to the protocol engine's client.Config.
//
// Every statement the package knows is described by the read-only table
// returned by Statements: its values, default, LOCSITE keyword, and whether
// zftp supports it, ignores it with a warning (z/OS-only data-set allocation
// statements) or ignores it as a server-only statement (message EZYFT47I,
// suppressed by SUPPRESSIGNOREWARNINGS). Problems are returned as values
// (Warning, *ParseError, and errors wrapping the Err variables); the package prints nothing.
package config
