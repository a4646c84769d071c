#!/usr/bin/env bash
# install-test-deps.sh - install the real FTP servers the interop suite (internal/interop/) runs against.
#
# For CI and for a fresh Debian 12 machine. Run as root:
#
#     sudo scripts/install-test-deps.sh
#
# What it does (every step is skipped when it is already done, so a second run takes well under a
# second):
#   * installs proftpd-core + proftpd-mod-crypto (mod_tls), python3-pyftpdlib + python3-openssl
#     (pyftpdlib's FTP server, plain and FTPS), python3-twisted (Twisted's FTP server), openssl,
#     curl, lftp, time (GNU time: peak RSS for make bench) and the libraries vsftpd, pure-ftpd and
#     inetutils ftpd need, with a /usr/sbin/policy-rc.d that returns 101 so that no package
#     starts a daemon on port 21 (the file is removed again if this script created it);
#   * makes sure proftpd is not left running or enabled as a system daemon;
#   * vsftpd, pure-ftpd and inetutils-ftpd conflict with proftpd-core (all four "Provides:
#     ftp-server"), so they are fetched with `apt-get download` and unpacked with `dpkg-deb -x`
#     into a private directory:
#         $ZFTP_SERVERS_DIR (default /opt/zftp-servers)/usr/sbin/vsftpd
#         $ZFTP_SERVERS_DIR/usr/sbin/pure-ftpd, $ZFTP_SERVERS_DIR/usr/bin/pure-pw
#         $ZFTP_SERVERS_DIR/usr/sbin/ftpd (GNU inetutils ftpd)
#     proftpd itself stays at /usr/sbin/proftpd; the Python servers are libraries that the
#     interop harness runs with /usr/bin/python3;
#   * creates /etc/ftpchroot (empty, when it is missing): the harness runs inetutils ftpd in a
#     mount namespace of its own with its own list mounted over that file, which must exist;
#   * creates the test login account: a real local user `zftpuser` (shell /usr/sbin/nologin, home
#     /home/zftpuser) with a random password set via chpasswd, and a PAM service
#     /etc/pam.d/zftp-vsftpd (pam_unix only, so vsftpd does not check /etc/shells);
#   * writes the credentials the interop harness reads to $ZFTP_SERVERS_DIR/credentials (mode 0600):
#         ZFTP_TEST_USER=zftpuser
#         ZFTP_TEST_PASSWORD=<random, generated on the first run and kept afterwards>
#
# Environment:
#   ZFTP_SERVERS_DIR   where vsftpd/pure-ftpd are unpacked and the credentials file lives
#                      (default /opt/zftp-servers; the interop harness reads the same variable).
#   ZFTP_TEST_USER     login name to create (default zftpuser).
#
# Then run the suite with:  ZFTP_INTEROP=require go test ./internal/interop/
set -euo pipefail

SERVERS_DIR="${ZFTP_SERVERS_DIR:-/opt/zftp-servers}"
TEST_USER="${ZFTP_TEST_USER:-zftpuser}"
CRED_FILE="$SERVERS_DIR/credentials"
PAM_FILE=/etc/pam.d/zftp-vsftpd
POLICY=/usr/sbin/policy-rc.d

log() { printf 'install-test-deps: %s\n' "$*" >&2; }
die() { printf 'install-test-deps: error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    die "must be run as root (try: sudo $0); it installs Debian packages and creates the test user '$TEST_USER'"
fi
command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 ||
    die "this script needs a Debian-like system with apt-get and dpkg-deb (tested on Debian 12)"

export DEBIAN_FRONTEND=noninteractive

APT_PKGS=(proftpd-core proftpd-mod-crypto openssl curl lftp time ca-certificates
          python3 python3-pyftpdlib python3-openssl python3-twisted mount
          libcap2 libpam0g libpam-modules libssl3 libwrap0 libsodium23 libcrypt1 passwd)

# ---- policy-rc.d: no daemon may start during package installation --------------------------------
CREATED_POLICY=0
cleanup() {
    if [ "$CREATED_POLICY" = 1 ]; then rm -f "$POLICY"; fi
    if [ -n "${DL_DIR:-}" ]; then rm -rf "$DL_DIR"; fi
}
trap cleanup EXIT
trap 'printf "install-test-deps: error: command failed at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR
ensure_policy() {
    if [ ! -e "$POLICY" ]; then
        printf '#!/bin/sh\n# created by zftp scripts/install-test-deps.sh; removed when it ends\nexit 101\n' >"$POLICY"
        chmod 0755 "$POLICY"
        CREATED_POLICY=1
    fi
}

APT_UPDATED=0
apt_update_once() {
    if [ "$APT_UPDATED" = 0 ]; then
        log "apt-get update"
        apt-get update -qq
        APT_UPDATED=1
    fi
}

# ---- 1. packages from the archive ----------------------------------------------------------------
missing=()
# dpkg-query exits 1 when a package is unknown to dpkg: that only means "missing".
installed="$({ dpkg-query -W -f='${Package} ${Status}\n' "${APT_PKGS[@]}" 2>/dev/null || true; } |
    awk '$NF == "installed" {print $1}')"
for p in "${APT_PKGS[@]}"; do
    if ! printf '%s\n' "$installed" | grep -qx "$p"; then
        missing+=("$p")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    ensure_policy
    # proftpd asks whether to run from inetd or standalone; standalone needs no inetd.
    if command -v debconf-set-selections >/dev/null 2>&1; then
        echo 'proftpd-core shared/proftpd/inetd_or_standalone select standalone' | debconf-set-selections
    fi
    log "apt-get install ${missing[*]}"
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        apt_update_once
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
            die "apt-get install ${missing[*]} failed"
    fi
fi
[ -x /usr/sbin/proftpd ] || die "/usr/sbin/proftpd missing after installing proftpd-core"
[ -e /usr/lib/proftpd/mod_tls.so ] || log "warning: /usr/lib/proftpd/mod_tls.so not found (proftpd-mod-crypto)"

# ---- 2. proftpd must not run as a system daemon --------------------------------------------------
# Stop only the daemon the package may have started: the PID from its pid file.
for pidf in /run/proftpd.pid /var/run/proftpd.pid; do
    if [ -s "$pidf" ]; then
        pid="$(cat "$pidf" 2>/dev/null || true)"
        if [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && grep -q proftpd "/proc/$pid/comm"; then
            log "stopping system proftpd (pid $pid)"
            kill "$pid" 2>/dev/null || true
        fi
    fi
done
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    if systemctl is-enabled --quiet proftpd 2>/dev/null || systemctl is-active --quiet proftpd 2>/dev/null; then
        log "disabling proftpd.service"
        systemctl disable --now proftpd >/dev/null 2>&1 || true
    fi
elif [ -x /usr/sbin/update-rc.d ] && ls /etc/rc[2-5].d/S*proftpd >/dev/null 2>&1; then
    log "disabling proftpd init script"
    update-rc.d proftpd disable >/dev/null 2>&1 || true
fi

# ---- 3. vsftpd, pure-ftpd and inetutils ftpd, unpacked privately ----------------------------------
unpack_pkg() { # unpack_pkg PACKAGE BINARY-INSIDE-SERVERS-DIR
    local pkg="$1" bin="$2" cand stamp
    cand="$(printf '%s\n' "$CANDIDATES" | awk -v p="$pkg" '$1 == p {print $2}')"
    stamp="$SERVERS_DIR/.$pkg.version"
    if [ -x "$SERVERS_DIR/$bin" ] && [ -s "$stamp" ] &&
       { [ -z "$cand" ] || [ "$cand" = "(none)" ] || [ "$(cat "$stamp")" = "$cand" ]; }; then
        return 0
    fi
    if [ -z "${DL_DIR:-}" ]; then
        DL_DIR="$(mktemp -d /tmp/zftp-debs.XXXXXX)"
        # apt downloads as the unprivileged _apt user when it can write the directory.
        if id _apt >/dev/null 2>&1; then chown _apt "$DL_DIR"; fi
    fi
    log "apt-get download $pkg"
    if ! (cd "$DL_DIR" && apt-get download -qq "$pkg" >/dev/null 2>&1); then
        apt_update_once
        (cd "$DL_DIR" && apt-get download -qq "$pkg" >/dev/null) || die "apt-get download $pkg failed"
    fi
    local deb
    deb="$(ls -t "$DL_DIR/${pkg}"_*.deb | head -n1)"
    mkdir -p "$SERVERS_DIR"
    dpkg-deb -x "$deb" "$SERVERS_DIR"
    dpkg-deb -f "$deb" Version >"$stamp"
    [ -x "$SERVERS_DIR/$bin" ] || die "$SERVERS_DIR/$bin missing after unpacking $deb"
    log "unpacked $pkg $(cat "$stamp") into $SERVERS_DIR"
}
# One apt-cache call for the candidates ("vsftpd 3.0.3-13+b2" lines): a newer candidate (security
# update) replaces the unpacked copy.
CANDIDATES="$(apt-cache policy vsftpd pure-ftpd inetutils-ftpd 2>/dev/null |
    awk '/^[^ ].*:$/ {sub(":", "", $1); p = $1} /Candidate:/ {print p, $2}')"
unpack_pkg vsftpd usr/sbin/vsftpd
unpack_pkg pure-ftpd usr/sbin/pure-ftpd
unpack_pkg inetutils-ftpd usr/sbin/ftpd
# The unpacked trees carry init scripts and configs that nothing uses; make sure nobody mistakes
# them for live ones.
chmod -x "$SERVERS_DIR/etc/init.d/"* 2>/dev/null || true

# Check the unpacked binaries find their libraries.
for b in usr/sbin/vsftpd usr/sbin/pure-ftpd usr/bin/pure-pw usr/sbin/ftpd; do
    if ldd "$SERVERS_DIR/$b" 2>/dev/null | grep -q 'not found'; then
        die "$SERVERS_DIR/$b misses libraries: $(ldd "$SERVERS_DIR/$b" | grep 'not found' | tr -s ' \t' ' ')"
    fi
done

# inetutils ftpd's chroot list: the harness mounts its own over it (see internal/interop/inetutils.go).
if [ ! -e /etc/ftpchroot ]; then
    printf '# Users GNU inetutils ftpd confines to their home directory (none here).\n# Created by zftp scripts/install-test-deps.sh: the interop harness mounts its own list over\n# this file in a private mount namespace, which needs the file to exist.\n' >/etc/ftpchroot
    chmod 0644 /etc/ftpchroot
    log "created /etc/ftpchroot"
fi

# ---- 4. the test login account ------------------------------------------------------------------
if ! id "$TEST_USER" >/dev/null 2>&1; then
    log "creating user $TEST_USER"
    useradd --create-home --home-dir "/home/$TEST_USER" --shell /usr/sbin/nologin \
        --comment "zftp interop test user" "$TEST_USER"
fi

mkdir -p "$SERVERS_DIR"
password=""
if [ -s "$CRED_FILE" ]; then
    password="$(sed -n 's/^ZFTP_TEST_PASSWORD=//p' "$CRED_FILE" | head -n1)"
    cred_user="$(sed -n 's/^ZFTP_TEST_USER=//p' "$CRED_FILE" | head -n1)"
    [ "$cred_user" = "$TEST_USER" ] || password=""
fi
if [ -z "$password" ]; then
    password="zftp-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    umask 077
    printf 'ZFTP_TEST_USER=%s\nZFTP_TEST_PASSWORD=%s\n' "$TEST_USER" "$password" >"$CRED_FILE.tmp"
    mv "$CRED_FILE.tmp" "$CRED_FILE"
    umask 022
    log "wrote $CRED_FILE"
    set_pw=1
else
    # Set the password again only when the shadow entry does not match it (e.g. a new machine
    # that got the credentials file back, or someone changed the password).
    set_pw=1
    hash="$(getent shadow "$TEST_USER" | cut -d: -f2)"
    case "$hash" in
        '$6$'*)
            salt="$(printf '%s' "$hash" | cut -d'$' -f3)"
            if [ "$(openssl passwd -6 -salt "$salt" "$password" 2>/dev/null)" = "$hash" ]; then
                set_pw=0
            fi ;;
    esac
fi
chmod 0600 "$CRED_FILE"
if [ "$set_pw" = 1 ]; then
    # SHA-512 crypt: understood by pam_unix, proftpd's mod_auth_unix and pure-pw/puredb alike.
    printf '%s:%s\n' "$TEST_USER" "$password" | chpasswd -c SHA512
    log "password of $TEST_USER set"
fi

# vsftpd's own PAM service: pam_unix only (Debian's /etc/pam.d/vsftpd also runs pam_shells, which
# would refuse the nologin shell, and pam_listfile on /etc/ftpusers).
pam_want='# zftp interop: PAM service for the test vsftpd (written by scripts/install-test-deps.sh)
auth     required pam_unix.so
account  required pam_unix.so
session  required pam_unix.so'
if [ ! -f "$PAM_FILE" ] || [ "$(cat "$PAM_FILE")" != "$pam_want" ]; then
    printf '%s\n' "$pam_want" >"$PAM_FILE"
    log "wrote $PAM_FILE"
fi

log "ok: proftpd $(dpkg-query -W -f='${Version}' proftpd-core), pyftpdlib $(dpkg-query -W -f='${Version}' python3-pyftpdlib), twisted $(dpkg-query -W -f='${Version}' python3-twisted); vsftpd $(cat "$SERVERS_DIR/.vsftpd.version"), pure-ftpd $(cat "$SERVERS_DIR/.pure-ftpd.version"), inetutils ftpd $(cat "$SERVERS_DIR/.inetutils-ftpd.version") in $SERVERS_DIR; user $TEST_USER (credentials in $CRED_FILE)"
