# zftp — build, test, demo, bench, fuzz.
# The README's set-up is two commands: `make demo` and `make test`.

GO       ?= go
BIN      ?= bin
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS  := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
FUZZTIME ?= 60s
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: all build install test test-windows unit test-deps vet interop-table demo demo-tls bench bench-full fuzz cross cross-test release clean

all: build

# build makes the binaries static (CGO_ENABLED=0), as release ships them:
# no dynamic loader and C library to map at every start (zftp --version
# in 12.9 ms against 17.1 ms dynamically linked, perf stat -r 30; a login
# and QUIT against vsftpd 53 ms against 59 ms), and the bench measures
# the binary users get.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/zftp ./cmd/zftp
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/zftpd ./cmd/zftpd

# install puts zftp and zftpd in $(DESTDIR)$(BINDIR) and the man page in
# $(DESTDIR)$(MANDIR)/man1, making the directories it needs: make install
# PREFIX=$$HOME/.local puts them in ~/.local/bin and ~/.local/share/man,
# where man finds zftp.1 once ~/.local/bin is on PATH (man-db looks in
# ../share/man of each PATH directory).
install: build
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	install -m 0755 $(BIN)/zftp $(BIN)/zftpd '$(DESTDIR)$(BINDIR)/'
	install -m 0644 docs/zftp.1 '$(DESTDIR)$(MANDIR)/man1/zftp.1'

# test installs the real FTP servers the interop suite needs (Debian
# packages; root or sudo), then runs every test with the race detector.
# A missing server is a failure here, never a skip.
test: test-deps vet
	ZFTP_INTEROP=require $(GO) test -race -count=1 -timeout 20m ./...

# test-windows runs the Windows build for real under wine (Debian 12's
# wine 8.0; root or sudo: it installs wine, wine64 and gcc-mingw-w64-x86-64):
# a batch smoke job of zftp.exe against zftpd on loopback (ASCII CR LF
# round trip, binary, TLS, names Windows forbids), then every package's
# Windows test binary. Everything it makes is kept under $(WINE_WORK).
# See scripts/test-windows.sh.
WINE_WORK ?= $(or $(TMPDIR),/tmp)/zftp-wine
test-windows:
	@if [ "$$(id -u)" = 0 ]; then WORK='$(WINE_WORK)' bash scripts/test-windows.sh; \
	elif command -v sudo >/dev/null; then sudo env "PATH=$$PATH" WORK='$(WINE_WORK)' bash scripts/test-windows.sh; \
	else echo "make test-windows needs root (or sudo) to install wine, wine64 and mingw-w64" >&2; exit 1; fi

# unit runs the tests that need no real server (interop tests skip).
unit:
	$(GO) test -race -count=1 ./...

test-deps:
	@if [ "$$(id -u)" = 0 ]; then bash scripts/install-test-deps.sh; \
	elif command -v sudo >/dev/null; then sudo bash scripts/install-test-deps.sh; \
	else echo "make test needs root (or sudo) to install the FTP servers of the interop suite; run 'make unit' for the tests without real servers" >&2; exit 1; fi

# interop-table runs the interop table's probes against every real server (root, as make test)
# and writes docs/interop.md, the server x feature table, from what the servers did.
interop-table: test-deps
	ZFTP_INTEROP=require ZFTP_INTEROP_TABLE=$(CURDIR)/docs/interop.md $(GO) test -count=1 -run '^TestInteropTable$$' ./internal/interop/

vet:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

demo: build
	bash scripts/demo.sh $(BIN)

# demo-tls: explicit FTPS (PROT P put/get, then CCC and a listing) and an
# implicit z/OS-model session, each against its own zftpd with a test CA.
demo-tls: build
	bash scripts/demo.sh $(BIN) tls

# bench runs the engine's Go benchmarks against an in-process server (and the
# front end's MGET/MPUT of small files: ns, allocations per file), then
# cmd/zftpbench: zftp, curl and lftp in turn against vsftpd, proftpd and
# zftpd on loopback (big GET/PUT plain and TLS, MGET/MPUT of 4 KiB files,
# session latency), the 20 ms round-trip rows (serial and --parallel 8,
# and 100 files --parallel 8 with their round-trip floor), next to the
# machine's limit (raw TCP, Go TLS), data on /dev/shm. Root (as make test).
# Every row kind in <= 10 minutes on 2 cores: 1 run (3 on the loopback
# small-file rows in clear and the 100-file --parallel 8 rows, whose
# targets one run's noise flips), 256 MiB, 200 small files; the table goes
# to bin/benchmarks.md. bench-full keeps the full
# depth (3 runs, 1 GiB, 1000 files, ~30 minutes) and writes the table to
# docs/benchmarks.md. ZFTP_BENCH_RUNS=N, ZFTP_BENCH_QUICK=1 (smoke run):
# see docs/benchmarks.md.
BENCHTIME ?= 300ms
bench: test-deps build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./client/...
	$(GO) test -run '^$$' -bench SmallFiles -benchtime 3x ./internal/zos/
	$(GO) build -o $(BIN)/zftpbench ./cmd/zftpbench
	$(BIN)/zftpbench --zftp $(BIN)/zftp --zftpd $(BIN)/zftpd --markdown $(BIN)/benchmarks.md

bench-full: test-deps build
	$(GO) test -run '^$$' -bench . -benchmem ./client/...
	$(GO) test -run '^$$' -bench SmallFiles -benchtime 10x ./internal/zos/
	$(GO) build -o $(BIN)/zftpbench ./cmd/zftpbench
	ZFTP_BENCH_FULL=1 $(BIN)/zftpbench --zftp $(BIN)/zftp --zftpd $(BIN)/zftpd --doc docs/benchmarks.md --markdown $(BIN)/benchmarks.md

# fuzz runs every native fuzz target for FUZZTIME each.
fuzz:
	bash scripts/fuzz.sh $(FUZZTIME)

cross:
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "build $$os/$$arch"; \
		GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o dist/zftp-$$os-$$arch$$ext ./cmd/zftp || exit 1; \
		GOOS=$$os GOARCH=$$arch $(GO) vet ./... || exit 1; \
	done
	$(MAKE) cross-test

# cross-test compiles every package's tests for windows/amd64 and
# darwin/arm64 (they cannot run here), so that Windows- and macOS-only
# paths (_netrc, the config directory, the console) at least build.
# Packages with no files for a platform (cmd/zftpbench is Linux-only) are
# left out.
cross-test:
	@for p in windows/amd64 darwin/arm64; do \
		os=$${p%/*}; arch=$${p#*/}; \
		for pkg in $$(GOOS=$$os GOARCH=$$arch $(GO) list -e -f '{{if or .GoFiles .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...); do \
			echo "test -c $$os/$$arch $$pkg"; \
			GOOS=$$os GOARCH=$$arch $(GO) test -c -o /dev/null $$pkg || exit 1; \
		done; \
	done

# release cross-builds zftp for every platform of PLATFORMS (linux, darwin,
# windows x amd64, arm64) into dist/, static (CGO_ENABLED=0) and stamped:
# zftp --version shows VERSION, COMMIT and the Go version. SHA256SUMS
# lists the six binaries.
release:
	rm -rf dist
	mkdir -p dist
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/zftp-$(VERSION)-$$os-$$arch$$ext; \
		echo "build $$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $$out ./cmd/zftp || exit 1; \
	done
	cd dist && sha256sum zftp-* > SHA256SUMS
	@ls dist

clean:
	rm -rf $(BIN) dist
