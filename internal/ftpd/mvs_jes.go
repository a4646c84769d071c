package ftpd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The JES interface of the MVS mode (SITE FILETYPE=JES), as IBM's IP
// User's Guide and Commands describes it ("Interfacing with JES",
// intfjes.htm, at JESINTERFACELEVEL 2): STOR submits a job, LIST and NLST
// list jobs, RETR retrieves spool files, DELE purges a job. zftpd runs no
// job: a submitted job is at once on the output queue with three spool
// files made from its JCL, and the queue lives in memory until the
// server closes.

// maxJobBytes bounds the JCL of one submitted job.
const maxJobBytes = 1 << 20

// maxJobNumber is the last job number: IDs are JOB00001 to JOB99999.
const maxJobNumber = 99999

// jesFilter holds the SITE JESJOBNAME, JESOWNER and JESSTATUS filters of
// job lists.
type jesFilter struct {
	jobName string // job name pattern (* and %)
	owner   string // owner, or * for any
	status  string // ALL, INPUT, ACTIVE or OUTPUT
}

// defaultJESFilter is the filter a session starts with: the user's jobs
// whose names start with the user ID (IBM, "JESINTERFACELEVEL
// differences", jesintdiff.htm).
func defaultJESFilter(user string) jesFilter {
	owner := jobOwner(user)
	return jesFilter{jobName: owner + "*", owner: owner, status: "ALL"}
}

// String formats f as the 125 reply to LIST quotes it.
func (f jesFilter) String() string {
	return "JESJOBNAME=" + f.jobName + ", JESSTATUS=" + f.status + " and JESOWNER=" + f.owner
}

func (f jesFilter) match(j *job) bool {
	return globMatch(f.jobName, j.name) && (f.owner == "*" || f.owner == j.owner) &&
		(f.status == "ALL" || f.status == "OUTPUT")
}

// job is a submitted job on the output queue.
type job struct {
	id, name, owner, class string
	jclError               bool        // no valid JOB statement
	files                  []spoolFile // JESMSGLG, JESJCL, JESYSMSG
}

// spoolFile is one spool data set of a job.
type spoolFile struct {
	dsid   int // JES data set ID: 2, 3, 4
	ddname string
	data   []byte // lines ending in LF
}

// dsname is the spool data set name RETR quotes:
// OWNER.JOBNAME.JOBID.Dnnnnnnn.DDNAME.
func (j *job) dsname(f spoolFile) string {
	return fmt.Sprintf("%s.%s.%s.D%07d.%s", j.owner, j.name, j.id, f.dsid, f.ddname)
}

// listLine formats j for a job list, as IBM's "Displaying the status of a
// job: JESINTERFACELEVEL=2" (dispstatusdirlevel2.htm) shows it.
func (j *job) listLine() string {
	result := "RC=0000"
	if j.jclError {
		result = "(JCL error)"
	}
	return fmt.Sprintf("%-8s %-8s %-8s %-6s %-8s %s %d spool files", j.name, j.id, j.owner, "OUTPUT", j.class, result, len(j.files))
}

// jesQueue is the server's job queue, shared by its sessions. The zero
// value is an empty queue.
type jesQueue struct {
	mu   sync.Mutex
	last int // the last job number given
	jobs map[string]*job
}

// errQueueFull reports that every job number has been given.
var errQueueFull = errors.New("JES job queue full: every job number from JOB00001 to JOB99999 has been given")

// submit puts a job on the queue.
func (q *jesQueue) submit(owner string, jcl []byte) (*job, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.last >= maxJobNumber {
		return nil, errQueueFull
	}
	q.last++
	j := newJob(fmt.Sprintf("JOB%05d", q.last), owner, jcl)
	if q.jobs == nil {
		q.jobs = make(map[string]*job)
	}
	q.jobs[j.id] = j
	return j, nil
}

// find returns the job with the ID if f shows it.
func (q *jesQueue) find(id string, f jesFilter) *job {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.jobs[id]; j != nil && f.match(j) {
		return j
	}
	return nil
}

// list returns the jobs f shows, in job ID order.
func (q *jesQueue) list(f jesFilter) []*job {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []*job
	for _, j := range q.jobs {
		if f.match(j) {
			out = append(out, j)
		}
	}
	slices.SortFunc(out, func(a, b *job) int { return strings.Compare(a.id, b.id) })
	return out
}

// purge removes a job f shows and reports whether there was one.
func (q *jesQueue) purge(id string, f jesFilter) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j := q.jobs[id]; j != nil && f.match(j) {
		delete(q.jobs, id)
		return true
	}
	return false
}

// jobCard matches a JOB statement: //NAME JOB, and a CLASS= parameter.
var (
	jobCard  = regexp.MustCompile(`^//([A-Z@#$][A-Z0-9@#$]{0,7})\s+JOB(\s|$)`)
	jobClass = regexp.MustCompile(`[\s,]CLASS=([A-Z0-9])(,|\s|$)`)
)

// newJob makes the job and its deterministic spool files from its JCL.
// A job whose first statement is not a JOB statement ends with a JCL
// error under the owner's name.
func newJob(id, owner string, jcl []byte) *job {
	j := &job{id: id, name: owner, owner: owner, class: "A"}
	first, _, _ := strings.Cut(string(jcl), "\n")
	first = strings.ToUpper(strings.TrimRight(first, "\r"))
	if m := jobCard.FindStringSubmatch(first); m != nil {
		j.name = m[1]
		if c := jobClass.FindStringSubmatch(first); c != nil {
			j.class = c[1]
		}
	} else {
		j.jclError = true
	}
	end, sysmsg := "ENDED - RC=0000", fmt.Sprintf(" IEF404I %s - ENDED\n", j.name)
	if j.jclError {
		end, sysmsg = "ENDED - JCL ERROR", fmt.Sprintf(" IEFC452I %s - JOB NOT RUN - JCL ERROR\n", j.name)
	}
	msglg := fmt.Sprintf(" JES2 JOB LOG -- SYSTEM ZFTP -- NODE ZFTPD\n %s $HASP373 %s STARTED - CLASS %s\n %s $HASP395 %s %s\n",
		id, j.name, j.class, id, j.name, end)
	jclCopy := bytes.ReplaceAll(jcl, []byte("\r\n"), []byte("\n"))
	if len(jclCopy) > 0 && jclCopy[len(jclCopy)-1] != '\n' {
		jclCopy = append(jclCopy, '\n')
	}
	j.files = []spoolFile{
		{dsid: 2, ddname: "JESMSGLG", data: []byte(msglg)},
		{dsid: 3, ddname: "JESJCL", data: jclCopy},
		{dsid: 4, ddname: "JESYSMSG", data: []byte(sysmsg)},
	}
	return j
}

// parseJobID parses JOBnnnnn or Jnnnn / Jnnnnn, with .n (a spool file
// number from 1) or .X (all spool files) after it when spool is set. It
// returns the ID as JOBnnnnn and the spool file number, 0 for all.
func parseJobID(arg string, spool bool) (string, int, bool) {
	s := strings.ToUpper(arg)
	id, sel, hasSel := strings.Cut(s, ".")
	if hasSel && !spool {
		return "", 0, false
	}
	var digits string
	switch {
	case strings.HasPrefix(id, "JOB") && len(id) == 8:
		digits = id[3:]
	case strings.HasPrefix(id, "J") && (len(id) == 5 || len(id) == 6):
		digits = id[1:]
	default:
		return "", 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || strings.ContainsAny(digits, "+-") || n < 1 || n > maxJobNumber {
		return "", 0, false
	}
	id = fmt.Sprintf("JOB%05d", n)
	if !hasSel || sel == "X" {
		return id, 0, true
	}
	f, err := strconv.Atoi(sel)
	if err != nil || len(sel) > 3 || strings.ContainsAny(sel, "+-") || f < 1 {
		return "", 0, false
	}
	return id, f, true
}

// jesSubmit submits the JCL a STOR sends; APPE has nothing to append to.
func (s *session) jesSubmit(arg string, appending bool) {
	if appending {
		s.closePassive()
		s.reply(550, jesBadJobID("APPE", arg))
		return
	}
	buf := &boundedBuffer{max: maxJobBytes}
	var submitted *job
	s.transferThen(jesSending, false, func(dc net.Conn) error {
		if err := s.receive(buf, dc); err != nil {
			return err
		}
		j, err := s.srv.jes.submit(jobOwner(s.user), buf.b.Bytes())
		if err != nil {
			return localError{err}
		}
		submitted = j
		return nil
	}, func() string { return jesKnownAs(submitted.id) })
}

// jobOwner is the owner of the jobs a user submits: the user ID,
// upper-cased, in at most eight characters.
func jobOwner(user string) string {
	u := strings.ToUpper(user)
	return u[:min(len(u), 8)]
}

// boundedBuffer collects at most max bytes; more is a local error. It
// has no ReadFrom, so that every byte goes through Write.
type boundedBuffer struct {
	b   bytes.Buffer
	max int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if b.b.Len()+len(p) > b.max {
		return 0, localError{fmt.Errorf("job larger than %d bytes", b.max)}
	}
	return b.b.Write(p)
}

// jesList lists the jobs the filters show, or one job.
func (s *session) jesList(arg string, namesOnly bool) {
	f := s.mvs.filter
	var jobs []*job
	switch {
	case arg == "" || arg == "*":
		jobs = s.srv.jes.list(f)
	default:
		id, _, ok := parseJobID(arg, false)
		if !ok {
			s.closePassive()
			s.reply(550, jesBadJobID("LIST", arg))
			return
		}
		if j := s.srv.jes.find(id, f); j != nil {
			jobs = []*job{j}
		}
	}
	if len(jobs) == 0 {
		s.closePassive()
		s.reply(550, jesNoJobs(f))
		return
	}
	lines := listLines(jobs, namesOnly, jesListHeader,
		func(j *job) string { return j.id },
		func(j *job, _ string) string { return j.listLine() })
	s.sendListing(jesListStarted(f), lines)
}

// jesRetr sends one spool file of a job, or all of them.
func (s *session) jesRetr(arg string) {
	id, n, ok := parseJobID(arg, true)
	if !ok {
		s.closePassive()
		s.reply(550, jesBadJobID("RETR", arg))
		return
	}
	j := s.srv.jes.find(id, s.mvs.filter)
	if j == nil {
		s.closePassive()
		s.reply(550, jesNotFound(id, s.mvs.filter))
		return
	}
	var data []byte
	start := jesSendingAll
	switch {
	case n == 0:
		for _, f := range j.files {
			data = append(append(data, f.data...), jesSpoolEnd+"\n"...)
		}
	case n > len(j.files):
		s.closePassive()
		s.reply(550, jesNoSpoolFile(id, n))
		return
	default:
		f := j.files[n-1]
		data, start = f.data, "Sending data set "+j.dsname(f)
	}
	s.transfer(start, false, func(dc net.Conn) error { return s.sendBytes(dc, data) })
}

// sendBytes sends data on a data connection, LF as CRLF in ASCII type.
func (s *session) sendBytes(dc net.Conn, data []byte) error {
	bw := bufio.NewWriter(dc)
	var w io.Writer = bw
	if !s.binary {
		w = crlfWriter{bw}
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	return bw.Flush()
}

// jesPurge purges a job.
func (s *session) jesPurge(arg string) {
	id, _, ok := parseJobID(arg, false)
	switch {
	case !ok:
		s.reply(550, jesBadJobID("DELE", arg))
	case !s.srv.jes.purge(id, s.mvs.filter):
		s.reply(550, jesNotFound(id, s.mvs.filter))
	default:
		s.reply(250, jesPurged)
	}
}
