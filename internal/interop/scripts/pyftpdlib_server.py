"""pyftpdlib server for the zftp interop harness (internal/interop/python.go).

Usage: python3 pyftpdlib_server.py CONFIG.json

CONFIG (written by the harness, readable by the test user only) names the
listening address, the passive port range, the test account and its home,
and, with "tls", the certificate files: explicit TLS through pyftpdlib's
TLS_FTPHandler (PyOpenSSL). The process runs as the test user, so the
files the client stores belong to that user.
"""

import json
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        conf = json.load(f)
    # INFO: sessions, logins and file commands; pyftpdlib never logs PASS
    # (the log is shown in failed tests).
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="pyftpdlib %(levelname)s %(message)s")

    authorizer = DummyAuthorizer()
    # e l r a d f m w M T: every permission (list, read, append, delete,
    # rename, write, mkdir, chmod, set time).
    authorizer.add_user(conf["user"], conf["password"], conf["home"],
                        perm="elradfmwMT")

    handler = FTPHandler
    tls = conf.get("tls")
    if tls:
        from OpenSSL import SSL
        from pyftpdlib.handlers import TLS_FTPHandler

        class Handler(TLS_FTPHandler):
            pass

        Handler.certfile = tls["cert"]
        Handler.keyfile = tls["key"]
        Handler.tls_control_required = tls["required"]
        Handler.tls_data_required = tls["required"]
        ctx = Handler.get_ssl_context()
        if tls.get("client_ca"):
            ctx.load_verify_locations(tls["client_ca"])
            ctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT,
                           lambda conn, cert, errno, depth, ok: bool(ok))
            # With the peer verified, OpenSSL refuses to resume a session
            # (the data connections resume the control connection's) unless
            # the context has a session id context: "internal error" alert.
            ctx.set_session_id(b"zftp-interop")
        handler = Handler

    handler.authorizer = authorizer
    handler.banner = "zftp interop pyftpdlib ready."
    handler.passive_ports = range(conf["pasv_min"], conf["pasv_max"] + 1)
    handler.permit_foreign_addresses = False
    server = FTPServer((conf["host"], conf["port"]), handler)
    server.max_cons = 100
    server.max_cons_per_ip = 100
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
