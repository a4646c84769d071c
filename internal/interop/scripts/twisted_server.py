"""Twisted FTP server for the zftp interop harness (internal/interop/python.go).

Usage: python3 twisted_server.py CONFIG.json

twisted.protocols.ftp's FTPFactory behind a portal whose only checker knows
the test account (read from CONFIG, readable by the test user only); the
realm gives that account the harness's home directory as its root.
Anonymous logins are refused. The process runs as the test user.
"""

import json
import sys

from twisted.cred import checkers, portal
from twisted.internet import reactor
from twisted.protocols import ftp
from twisted.logger import (FilteringLogObserver, LogLevel,
                            LogLevelFilterPredicate, globalLogBeginner,
                            textFileLogObserver)
from twisted.python import filepath


class HomeRealm(ftp.BaseFTPRealm):
    """Every authenticated user gets the one home directory."""

    def __init__(self, home):
        ftp.BaseFTPRealm.__init__(self, home)
        self.home = filepath.FilePath(home)

    def getHomeDirectory(self, avatarId):
        return self.home


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        conf = json.load(f)
    # Warnings and errors only: twisted.protocols.ftp logs every data
    # connection at the info level.
    only = LogLevelFilterPredicate(defaultLogLevel=LogLevel.warn)
    globalLogBeginner.beginLoggingTo(
        [FilteringLogObserver(textFileLogObserver(sys.stderr), [only])],
        redirectStandardIO=False)
    checker = checkers.InMemoryUsernamePasswordDatabaseDontUse()
    checker.addUser(conf["user"], conf["password"])
    p = portal.Portal(HomeRealm(conf["home"]), [checker])
    factory = ftp.FTPFactory(p)
    factory.allowAnonymous = False
    factory.welcomeMessage = "zftp interop twisted ready."
    factory.passivePortRange = range(conf["pasv_min"], conf["pasv_max"] + 1)
    reactor.listenTCP(conf["port"], factory, interface=conf["host"])
    reactor.run()


if __name__ == "__main__":
    main()
