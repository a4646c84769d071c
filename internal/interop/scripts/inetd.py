"""A minimal inetd for the zftp interop harness (internal/interop/inetutils.go).

Usage: python3 inetd.py HOST PORT PROGRAM [ARG...]

Listens on HOST:PORT and, for each connection, runs PROGRAM with the
connection as its standard input and output, as inetd(8) does for a
"nowait" stream service. Standard error stays this process's (the
harness's log file). Children are reaped as they end; stopping this
process's group stops the sessions too.
"""

import os
import signal
import socket
import sys


def main():
    host, port, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # no zombies
    while True:
        conn, _ = ls.accept()
        pid = os.fork()
        if pid == 0:
            ls.close()
            # What inetd leaves a service: default dispositions (Python
            # ignores SIGPIPE, and SIGCHLD is ignored above).
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            os.dup2(conn.fileno(), 0)
            os.dup2(conn.fileno(), 1)
            conn.close()
            try:
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        conn.close()


if __name__ == "__main__":
    main()
