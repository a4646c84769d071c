module github.com/zftp/zftp

go 1.26.0

require (
	github.com/spf13/pflag v1.0.10
	software.sslmate.com/src/go-pkcs12 v0.7.4
)

require golang.org/x/crypto v0.59.0 // indirect
