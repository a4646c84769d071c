package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// faultRowsMirrorReget are the rows of issue 25 items 2, 3, 4, 7 and 8:
// MIRROR stays inside the local directory and within its depth bound, and
// a resumed or listed transfer is checked for its size like any other
// (the server ignores REST, the file shrank, the continuation is cut
// short, an MLSD entry has no size or is a symbolic link).
func faultRowsMirrorReget() []faultRow {
	const partLen = 40000 // the local part REGET continues
	part := faultPayload[:partLen]
	putPart := func(t *testing.T, _ *ftptest.Server, tmp string) { writeLocal(t, tmp, "part.bin", part) }
	return []faultRow{
		// item 2: the local target is always inside the local directory
		mirrorOutsideRow("mirror_parent", "mirror ..", `ZFT0103E Usage: MIRROR \.\.: name the local directory too`),
		mirrorOutsideRow("mirror_root", "mirror /", `ZFT0103E Usage: MIRROR /: name the local directory too`),
		// lftp's order: with -R the local directory comes first, so "/" is
		// the local side and the remote one must be named
		mirrorOutsideRow("mirror_put_root", "mirror -R /", `ZFT0103E Usage: MIRROR -R /: name the remote directory too`),
		// item 3: an endless tree stops at the depth bound
		{
			name:  "mirror_deeper_than_bound",
			fault: "MIRROR of a remote tree 70 directories deep, MIRRORDEPTH not coded (default 64): stops before copying (issue 25 item 3)",
			prepare: func(t *testing.T, srv *ftptest.Server, _ string) {
				srv.WriteFile(t, "top/"+strings.Repeat("d/", 70)+"deep.txt", []byte("deep\n"))
			},
			cmd:   "mirror top",
			rc:    `\d{5}, Error Code = 000\d\d`,
			msg:   `ZFT0194E MIRROR stops before copying anything: top(/d){65} is more than 64 directory levels below the one named \(MIRRORDEPTH\)\.`,
			files: []string{}, // the tree is listed whole before any local directory is made
			check: func(t *testing.T, tmp, out string) {
				if strings.Contains(out, ">>> RETR") {
					t.Errorf("MIRROR copied a file of a tree past its depth bound:\n%s", clip(out))
				}
			},
			usable: true,
		},
		// item 3: a directory that lists itself again (a symbolic link to a
		// parent) is a loop, left out with a warning; the listing's size is
		// bounded by the spool and its cap, not memory (internal/zos
		// TestMirrorSpoolCap and TestMirrorFloodSpooled; the 3 M-entry RSS
		// is measured by hand with internal/mirrorflood/floodd)
		{
			name:   "mirror_loop_mlsd",
			fault:  "MIRROR of a directory whose MLSD lists a subdirectory with its own unique fact (issue 25 item 3)",
			faults: ftpd.Faults{MLSDLines: []string{"type=cdir;unique=AB; .", "type=dir;unique=AB; d"}},
			cmd:    "mirror top",
			msg:    `ZFT0252W top/d/d is not mirrored: it is a directory above it again(.|\n)*MIRROR: 0 files copied, 0 up to date, 2 directories created`,
			usable: true,
			files:  []string{"top"},
			check: func(t *testing.T, _, out string) {
				if strings.Count(out, ">>> MLSD") != 2 {
					t.Errorf("MIRROR listed a directory it had seen:\n%s", clip(out))
				}
			},
		},
		// item 4: a server that answers 350 to REST and sends from byte 0
		{
			name:    "reget_rest_ignored",
			fault:   "REGET: the server answers REST with 350 and sends the whole file (issue 25 item 4)",
			faults:  ftpd.Faults{IgnoreRestart: true},
			prepare: putPart,
			cmd:     "binary\nreget f.bin $TMP/part.bin",
			rc:      `00250, Error Code = 00010`,
			msg:     `>>> REST 40000\n350 .*(\n.*)*ZFT0130E `,
			usable:  true,
			files:   []string{"part.bin"},
			check:   localIs("part.bin", part),
		},
		// item 7: a file that shrank, a continuation cut short
		{
			name:  "reget_remote_shrank",
			fault: "REGET of a file that shrank on the server: local part 60 000 bytes, remote 20 000 (issue 25 item 7)",
			prepare: func(t *testing.T, srv *ftptest.Server, tmp string) {
				srv.WriteFile(t, "small.bin", faultPayload[:20000])
				writeLocal(t, tmp, "part.bin", faultPayload[:60000])
			},
			cmd:    "binary\nreget small.bin $TMP/part.bin",
			rc:     `00213, Error Code = 00010`,
			msg:    `ZFT0176E `,
			usable: true,
			files:  []string{"part.bin"},
			check: func(t *testing.T, tmp, out string) {
				localIs("part.bin", faultPayload[:60000])(t, tmp, out)
				if strings.Contains(out, ">>> RETR") {
					t.Errorf("RETR sent for a file shorter than the local part:\n%s", clip(out))
				}
			},
		},
		{
			name:    "reget_cut_short",
			fault:   "REGET continuation cut short: the server sends 10 000 of the 1 008 576 bytes after the local part and says 250 (issue 25 item 7)",
			faults:  ftpd.Faults{DropDataAfter: 10000, DropDataQuietly: true},
			prepare: putPart,
			cmd:     "binary\nreget f.bin $TMP/part.bin",
			rc:      `00250, Error Code = 00010`,
			msg:     `>>> REST 40000\n350 .*(\n.*)*ZFT0130E `,
			usable:  true,
			files:   []string{"part.bin"},
			check:   localIs("part.bin", part),
		},
		// item 8: MLSD entries without a size fact, and symbolic links
		{
			name:   "mget_mlsd_without_size",
			fault:  "MGET: the MLSD entry has no size fact, the RETR is cut short and answered 250; SIZE answers (issue 25 item 8)",
			faults: ftpd.Faults{MLSDLines: []string{"type=file;modify=20260101000000; f.bin"}, DropDataAfter: 4096, DropDataQuietly: true},
			cmd:    "binary\nmget f.bin",
			rc:     `22\d{3}, Error Code = 000\d\d`,
			msg:    `>>> SIZE f.bin\n213 1048576\n(.*\n)*ZFT0130E f\.bin: received 4096 bytes, the server gives the size as 1048576`,
			usable: true,
		},
		{
			name:   "mget_mlsd_symlink",
			fault:  "MGET: the MLSD entry is a symbolic link (no size of the file it names), the RETR is cut short and answered 250 (issue 25 item 8)",
			faults: ftpd.Faults{MLSDLines: []string{"type=OS.unix=slink:/f.bin;modify=20260101000000; f.bin"}, DropDataAfter: 4096, DropDataQuietly: true},
			cmd:    "binary\nmget f.bin",
			rc:     `22\d{3}, Error Code = 000\d\d`,
			msg:    `>>> SIZE f.bin\n213 1048576\n(.*\n)*ZFT0130E f\.bin: received 4096 bytes, the server gives the size as 1048576`,
			usable: true,
		},
	}
}

// mirrorOutsideRow is a row of issue 25 item 2: cmd names no local
// directory inside the one zftp runs in; it is refused, nothing moves,
// and nothing is written beside the local directory.
func mirrorOutsideRow(name, cmd, msg string) faultRow {
	return faultRow{
		name:  name,
		fault: cmd + ": the local name taken from the remote path would leave the local directory (issue 25 item 2)",
		prepare: func(t *testing.T, _ *ftptest.Server, tmp string) {
			// the runs' local directories are siblings: keep.txt stands
			// where "mirror .." wrote the server's files
			writeLocal(t, filepath.Dir(tmp), "keep.txt", []byte("mine\n"))
		},
		cmd:    cmd,
		rc:     `00000, Error Code = 00007`,
		msg:    msg,
		usable: true,
		check: func(t *testing.T, tmp, out string) {
			for _, verb := range []string{">>> RETR", ">>> STOR", ">>> LIST"} {
				if strings.Contains(out, verb) {
					t.Errorf("%s: %s sent:\n%s", cmd, verb, clip(out))
				}
			}
			localIs("keep.txt", []byte("mine\n"))(t, filepath.Dir(tmp), out)
			for _, n := range []string{"f.bin", "ok.txt"} {
				if _, err := os.Lstat(filepath.Join(filepath.Dir(tmp), n)); err == nil {
					t.Errorf("%s wrote %s beside the local directory", cmd, n)
				}
			}
		},
	}
}

// localIs returns a check that $TMP/name holds want.
func localIs(name string, want []byte) func(t *testing.T, tmp, _ string) {
	return func(t *testing.T, tmp, _ string) {
		t.Helper()
		if got := readLocal(t, tmp, name); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, want the %d it held", name, len(got), len(want))
		}
	}
}

func TestFaultMatrixMirrorReget(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsMirrorReget() {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}
