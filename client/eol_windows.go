package client

// localEOL: Windows text files end their lines with CR LF (Notepad, and
// every Windows FTP client stores TYPE A data so), so an ASCII transfer
// passes CR LF through unchanged both ways.
const localEOL = eolCRLF
