package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/zos"
	"github.com/zftp/zftp/transcript"
)

// run is zftp without the process around it: it parses args, loads the
// settings, runs the interpreter and returns the exit status.
func run(args []string, env environment) int {
	f, fs, err := parseFlags(args, env.stderr)
	if err != nil {
		fmt.Fprintf(env.stderr, "zftp: %v\nRun zftp --help for usage.\n", err) // local text: a flag error
		return zos.ExitUsage
	}
	if f.help {
		printHelp(env.stdout, fs)
		return 0
	}
	if f.version {
		fmt.Fprintln(env.stdout, versionLine())
		return 0
	}
	set, err := zos.LoadSettings(&f.z, env.finder())
	if err != nil {
		return startError(f, env, err)
	}
	for _, st := range env.statements {
		name, value, _ := strings.Cut(st, " ")
		if err := set.Set(name, value); err != nil {
			return startError(f, env, err)
		}
	}
	opts := zos.Options{
		Output:     transcript.TextSink{W: env.stdout},
		Stderr:     env.stderr,
		Banner:     bannerText(),
		Source:     zos.NewBatchSource(env.stdin, !env.interactive),
		LocalUser:  env.localUser,
		WorkDir:    env.workDir,
		NetrcPath:  env.netrcPath,
		ConfigDir:  env.configDir,
		Getenv:     env.getenv,
		RunCommand: env.runCommand,
	}
	if t := env.term; t != nil {
		opts.Output, opts.Hooks = t.sink, t.hooks()
		opts.Source = zos.NewBatchSource(t.src, false)
	}
	in := zos.New(set, opts)
	if t := env.term; t != nil {
		t.attach(in)
	}
	if f.target != nil {
		return in.RunTarget(*f.target)
	}
	return in.Run(f.host, f.port)
}

// startError reports settings that cannot be used and returns the exit
// status: zos.ExitUsage for a bad flag, the client error code for an
// FTP.DATA file that cannot be used (EZYFT46E for a bad statement, as z/OS
// prints it, then the whole reason on stderr).
func startError(f *flags, env environment, err error) int {
	var ze *zos.Error
	isCoded := errors.As(err, &ze)
	if isCoded && ze.Code == zos.ExitUsage {
		fmt.Fprintf(env.stderr, "zftp: %v\nRun zftp --help for usage.\n", err) // local text: a flag error
		return zos.ExitUsage
	}
	out := transcript.New(env.stdout, transcript.Options{Verbose: f.z.Verbose, AlwaysShowIDs: f.z.MsgIDs})
	var pe *config.ParseError
	if errors.As(err, &pe) {
		out.Printf(transcript.MsgConfigError, pe.File, pe.Line, pe.Column)
	}
	fmt.Fprintf(env.stderr, "zftp: FTP.DATA cannot be used: %v\n", err) // local text: FTP.DATA and flag errors
	if isCoded {
		return ze.Code
	}
	return 1 // FTP_INTERNAL_ERROR
}
