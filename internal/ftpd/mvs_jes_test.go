package ftpd

import (
	"strings"
	"testing"
)

// TestMVSJES submits jobs under SITE FILETYPE=JES, lists them, retrieves
// their spool files, purges one, and goes back to data sets.
func TestMVSJES(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	c.must(200, "SITE FILETYPE=JES")

	jobs := []struct{ jcl, id string }{
		{"//ALICEA   JOB CLASS=B,MSGCLASS=H\r\n//STEP1    EXEC PGM=IEFBR14\r\n", "JOB00001"},
		{"//STEP1    EXEC PGM=IEFBR14\r\n", "JOB00002"}, // no JOB statement: JCL error
		{"//PAYROLL  JOB\r\n", "JOB00003"},              // not ALICE*: hidden by the default filter
	}
	for _, j := range jobs {
		start, final := c.upload("PASV", "STOR ANY.NAME", []byte(j.jcl))
		if start != (reply{125, "Sending Job to JES internal reader FIXrecfm 80"}) ||
			final != (reply{250, "It is known to JES as " + j.id + "\nTransfer completed successfully."}) {
			t.Fatalf("submit: %v / %v", start, final)
		}
	}

	data, start, final := c.download("PASV", "LIST")
	if start != (reply{125, "List started OK for JESJOBNAME=ALICE*, JESSTATUS=ALL and JESOWNER=ALICE"}) || final != (reply{250, "List completed successfully."}) {
		t.Errorf("LIST: %v / %v", start, final)
	}
	golden(t, "mvs_jes_list.golden", data)
	if data, _, _ := c.download("PASV", "NLST"); string(data) != "JOB00001\r\nJOB00002\r\n" {
		t.Errorf("NLST %q", data)
	}
	if data, _, _ := c.download("PASV", "LIST j0002"); !strings.HasSuffix(string(data), "ALICE    JOB00002 ALICE    OUTPUT A        (JCL error) 3 spool files\r\n") {
		t.Errorf("LIST J0002 %q", data)
	}
	c.must(200, "SITE JESJOBNAME=*")
	if data, start, _ := c.download("PASV", "NLST"); string(data) != "JOB00001\r\nJOB00002\r\nJOB00003\r\n" ||
		start.msg != "List started OK for JESJOBNAME=*, JESSTATUS=ALL and JESOWNER=ALICE" {
		t.Errorf("NLST with JESJOBNAME=*: %q %v", data, start)
	}

	data, start, _ = c.download("PASV", "RETR JOB00001.1")
	if start != (reply{125, "Sending data set ALICE.ALICEA.JOB00001.D0000002.JESMSGLG"}) {
		t.Errorf("RETR .1: %v", start)
	}
	golden(t, "mvs_jes_jesmsglg.golden", data)
	if data, start, _ := c.download("PASV", "RETR j0001.2"); string(data) != jobs[0].jcl ||
		start.msg != "Sending data set ALICE.ALICEA.JOB00001.D0000003.JESJCL" {
		t.Errorf("RETR .2 (the JCL): %q %v", data, start)
	}
	data, start, _ = c.download("PASV", "RETR JOB00002")
	if start != (reply{125, "Sending all spool files for requested Jobid"}) {
		t.Errorf("RETR all: %v", start)
	}
	golden(t, "mvs_jes_all.golden", data)
	if all, _, _ := c.download("PASV", "RETR JOB00002.X"); string(all) != string(data) {
		t.Errorf("RETR .X differs from RETR without a spool file number: %q", all)
	}

	refused := []struct {
		line string
		code int
		msg  string
	}{
		{"RETR JOB00001.4", 550, "Spool file 4 not found for JOB00001"},
		{"RETR JOB00099", 550, "Jobid JOB00099 not found for JESJOBNAME=*, JESSTATUS=ALL and JESOWNER=ALICE"},
		{"RETR NOTAJOB", 550, "RETR fails: NOTAJOB is not a job ID of the form JOBnnnnn or Jnnnnn."},
		{"RETR ../JOB00001", 550, "RETR fails: ../JOB00001 is not a job ID of the form JOBnnnnn or Jnnnnn."},
		{"LIST JOB00001.1", 550, "LIST fails: JOB00001.1 is not a job ID of the form JOBnnnnn or Jnnnnn."},
		{"APPE JOB00001", 550, "APPE fails: JOB00001 is not a job ID of the form JOBnnnnn or Jnnnnn."},
	}
	for _, r := range refused {
		if code, msg := c.refusedTransfer("%s", r.line); code != r.code || msg != r.msg {
			t.Errorf("%s: %d %q, want %d %q", r.line, code, msg, r.code, r.msg)
		}
	}
	runSteps(t, c, []step{
		{"SIZE JOB00001", 550, "SIZE fails: JOB00001 is not a z/OS UNIX file."},
		{"DELE JOB00001", 250, "Cancel successful"},
		{"DELE JOB00001", 550, "Jobid JOB00001 not found for JESJOBNAME=*, JESSTATUS=ALL and JESOWNER=ALICE"},
		{"DELE JOB00002.1", 550, "DELE fails: JOB00002.1 is not a job ID of the form JOBnnnnn or Jnnnnn."},
		{"SITE JESOWNER=BOB JESSTATUS=OUTPUT", 200, "SITE command was accepted"},
	})
	if code, msg := c.refusedTransfer("LIST"); code != 550 || msg != "No jobs found for JESJOBNAME=*, JESSTATUS=OUTPUT and JESOWNER=BOB" {
		t.Errorf("LIST of bob's jobs: %d %q", code, msg)
	}
	if code, msg := c.refusedTransfer("RETR JOB00002"); code != 550 || msg != "Jobid JOB00002 not found for JESJOBNAME=*, JESSTATUS=OUTPUT and JESOWNER=BOB" {
		t.Errorf("RETR of a job the filter hides: %d %q", code, msg)
	}
	c.must(200, "SITE JESOWNER=ALICE")

	// A job over the limit is refused after the transfer, and not queued.
	start, final = c.upload("PASV", "STOR BIG", []byte(strings.Repeat("//* a comment line\r\n", maxJobBytes/18)))
	if start.code != 125 || final != (reply{451, "Local error: job larger than 1048576 bytes"}) {
		t.Errorf("oversize job: %v / %v", start, final)
	}
	c.must(200, "TYPE I")
	start, final = c.upload("PASV", "STOR BIG", make([]byte, maxJobBytes+1))
	if start.code != 125 || final.code != 451 {
		t.Errorf("oversize job in binary: %v / %v", start, final)
	}
	c.must(200, "TYPE A")
	if data, _, _ := c.download("PASV", "NLST"); string(data) != "JOB00002\r\nJOB00003\r\n" {
		t.Errorf("NLST after the purge and the oversize job %q", data)
	}

	c.must(200, "SITE FILETYPE=SEQ")
	if data, start, _ := c.download("PASV", "RETR DATA.TXT"); string(data) != "line one\r\nline two\r\n" || start.code != 125 {
		t.Errorf("RETR after FILETYPE=SEQ: %q %v", data, start)
	}
}
