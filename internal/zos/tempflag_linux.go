package zos

import "syscall"

// tempOpenFlag is added to the flags a temporary file is created with,
// and an MPUT file found regular is opened with (sendKnown).
// On Linux, os opens a file with O_NONBLOCK as one the caller made
// non-blocking and does not switch the flag on and off around its try to
// add the file to the poller (which refuses a regular file): two system
// calls per file instead of six. O_NONBLOCK changes nothing for a regular
// file, and O_EXCL makes the temporary file a new regular file.
const tempOpenFlag = syscall.O_NONBLOCK
