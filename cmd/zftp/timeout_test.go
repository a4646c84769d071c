package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ftpd"
)

// TestTimeoutsEZA2589E: timers report as IBM's client reports them (IP
// Diagnosis Guide "Values and explanations for operation in EZA2589E";
// IBM technote swg21080868). A server that accepts and never sends 220,
// with MYOPENTIME 3: EZA2589E ... Initial Connection within 5 s, return
// code 10000 (OPEN, no reply) and client error code 09 FTP_TIMEOUT. A data
// connection silent for DATACTTIME 3: EZA2589E naming the data connection
// and EZA1721W within 5 s, not the reply timeout (INACTTIME 60) later;
// return code 16125 (GET, last reply the 125) and error code 09.
func TestTimeoutsEZA2589E(t *testing.T) {
	for _, tt := range []struct {
		name, source string
		faults       ftpd.Faults
		ftpData      string
		input        string
		status       int
	}{
		{
			name: "timeout_greeting",
			source: "IP Diagnosis Guide \"Values and explanations for operation in EZA2589E\" (Initial Connection, timer MYOPENTIME: the initial reply from the server has not been received); " +
				"IP User's Guide \"FTP client error codes\" (09 FTP_TIMEOUT); OPEN's code 10 and no reply: 10000",
			faults:  ftpd.Faults{SilentFor: []string{"GREETING"}},
			ftpData: "MYOPENTIME 3\n",
			input:   "$USER\n$PASS\npwd\nquit\n",
			status:  10000 % 256,
		},
		{
			name: "timeout_data",
			source: "IBM technote swg21080868 (EZA2589E Connection to server interrupted or timed out, EZA1721W Server not responding, closing connection, when no data passes on the data connection within DATACTTIME); " +
				"the operation \"Data connection\" is zftp's (the table's DATACTTIME entry was not retrieved); GET's code 16 and the last reply 125: 16125, error code 09",
			faults:  ftpd.Faults{DataDelay: time.Hour},
			ftpData: "DATACTTIME 3\nINACTTIME 60\n",
			input:   "$USER\n$PASS\nbinary\nget big.bin $TMP/big.bin\npwd\nquit\n",
			status:  16125 % 256,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, &tt.faults)
			srv.write(t, "big.bin", payload)
			tmp := t.TempDir()
			writeLocal(t, tmp, "ftp.data", []byte(tt.ftpData))
			expand := strings.NewReplacer("$TMP", tmp, "$USER", srv.User, "$PASS", srv.Password).Replace
			args := []string{"-v", "-e", "-f", tmp + "/ftp.data", srv.Host, strconv.Itoa(srv.Port)}
			start := time.Now()
			out, errOut, status := runFrontEndWith(t, tmp, args, expand(tt.input), []string{"VERIFYSIZE FALSE"})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the client ended after %v: the timer of 3 s was not honoured within 5 s", d.Round(time.Millisecond))
			}
			if status != tt.status {
				t.Errorf("exit status %d, want %d", status, tt.status)
			}
			if errOut != "" {
				t.Errorf("stderr: %q", errOut)
			}
			compareGolden(t, tt.name, tt.source, normalise(out, tmp))
		})
	}
}
