package ftpd

import "fmt"

// The reply texts of the MVS data-set mode (Options.MVS). Each names its
// source. IBM's pages are from z/OS Communications Server: "IP and SNA
// Codes" (the FTPD reply codes, cs3cod0) and "IP User's Guide and
// Commands" (halu001), on https://www.ibm.com/docs. A text marked
// (unverified) is not in a page that could be read; those texts follow
// public transcripts of z/OS servers, named where they are used, and may
// differ from a real server in wording.

// mvsPWD answers PWD with a name prefix working directory.
// IBM, IP and SNA Codes, "257: 'directory' is working directory."
// (ftp257-04.htm); a real server answers "'USER1.'" with the trailing
// period.
func mvsPWD(prefix string) string { return `"'` + prefix + `'" is working directory.` }

// mvsPWDPDS answers PWD in a partitioned data set.
// IBM, IP and SNA Codes, ftp257-05.htm (a PDS working directory is named
// in this reply); the text as IBM's GenApp installation notes show it:
// 257 "'userid.GENAPP.SRC'" partitioned data set is working directory.
func mvsPWDPDS(pds string) string {
	return `"'` + pds + `'" partitioned data set is working directory.`
}

// mvsCWD answers CWD to a name prefix.
// IBM, IP and SNA Codes, "250: "directory" is the working directory name
// prefix." (ftp250-09.htm); a z/OS V2R3 server, in the transcripts of
// FluentFTP issue 677 and zowe-install-packaging issue 1254, answers
// 250 "DEVCDP." is the working directory name prefix. and 250 "" ... for
// the empty prefix.
func mvsCWD(prefix string) string { return `"` + prefix + `" is the working directory name prefix.` }

// mvsCWDPDS answers CWD to a partitioned data set. (unverified: IBM's
// "Changing the directory of a z/OS FTP server" (cdchangeftp.htm) says a
// PDS with that name becomes the working directory; the wording is a
// public capture of a z/OS 3.1 server.)
func mvsCWDPDS(pds string) string {
	return `The working directory "` + pds + `" is a partitioned data set`
}

// mvsMKD answers MKD, which allocates a partitioned data set: the 257 of
// RFC 959 with the name as PWD quotes it. (unverified wording)
func mvsMKD(name string) string { return `"'` + name + `'" created.` }

// Replies to transfers of data sets. The 125 texts are those of
// ibmMessages (Storing data set, Sending data set, Appending to data set);
// the 250 completion is IBM, IP and SNA Codes, "250: Transfer completed
// successfully." (ftp250-30.htm).

// mvsNotFound answers RETR of a data set that is not cataloged.
// (unverified: public capture of a z/OS 3.1 server)
func mvsNotFound(name string) string { return "Data set " + name + " not found" }

// mvsNoMember answers RETR of a member that is not in the PDS.
// (unverified: public capture of a z/OS 3.1 server)
func mvsNoMember(name string) string { return "Request nonexistent member " + name + " to be sent." }

// mvsNoPDS answers STOR of a member of a PDS that does not exist.
// A z/OS server's words in zowe-cli-ftp-plugin issue 106:
// "TEST.DS01(SAMPLE) requests a nonexistent partitioned data set.  Use
// MKD command to create it."
func mvsNoPDS(name string) string {
	return name + " requests a nonexistent partitioned data set.  Use MKD command to create it."
}

// mvsWholePDS answers RETR, STOR or APPE of a PDS without a member.
// (unverified: zftpd's own words; z/OS refuses to transfer a whole PDS)
func mvsWholePDS(verb, name string) string {
	return verb + " fails: " + name + " is a partitioned data set; name a member."
}

// mvsNoDataSets answers LIST and NLST that match nothing.
// A z/OS V2R3 server in FluentFTP issue 677: "550 No data sets found."
const mvsNoDataSets = "No data sets found."

// mvsNoMembers answers LIST and NLST of members that match nothing.
// (unverified)
const mvsNoMembers = "No members found."

// mvsDeleted answers DELE and RMD. (unverified: public capture of a z/OS
// 3.1 server)
func mvsDeleted(name string) string { return name + " deleted." }

// mvsDeleNotFound answers DELE of a name that does not exist.
// (unverified: public capture of a z/OS 3.1 server)
func mvsDeleNotFound(name string) string { return "DELE fails: " + name + " does not exist." }

// mvsRmdNotFound answers RMD of a name that does not exist.
// (unverified: public capture of a z/OS 3.1 server)
func mvsRmdNotFound(name string) string { return `"` + name + `" data set does not exist.` }

// mvsRnfrOK answers RNFR. (unverified: public capture of a z/OS 3.1
// server)
const mvsRnfrOK = "RNFR accepted. Please supply new name for RNTO."

// mvsRnfrNotFound answers RNFR of a name that does not exist.
// (unverified: public capture of a z/OS 3.1 server)
func mvsRnfrNotFound(name string) string { return "RNFR fails: " + name + " does not exist." }

// mvsRenamed answers RNTO. (unverified: public capture of a z/OS 3.1
// server)
func mvsRenamed(from, to string) string { return from + " renamed to " + to }

// mvsRenameExists answers RNTO to a name that exists. (unverified: public
// capture of a z/OS 3.1 server)
func mvsRenameExists(name string) string { return "Rename fails: " + name + " already exists." }

// mvsRenameAcrossPDS answers RNTO of a member into another PDS.
// IBM, IP and SNA Codes, 550 reply codes (rc550.htm): "Cannot rename from
// partitioned data set dsname to a different partitioned data set
// dsname."
func mvsRenameAcrossPDS(from, to string) string {
	return "Cannot rename from partitioned data set " + from + " to a different partitioned data set " + to + "."
}

// mvsRenameKinds answers RNTO between a member and a data set.
// (unverified: zftpd's own words)
func mvsRenameKinds(from, to string) string {
	return "Rename fails: " + from + " and " + to + " must both be data sets or both members."
}

// mvsExists answers MKD of a name that exists. (unverified: zftpd's own
// words)
func mvsExists(name string) string { return "MKD fails: " + name + " already exists." }

// mvsNotUnixFile answers SIZE and MDTM for MVS data sets: IBM, IP and SNA
// Codes, ftp550-31.htm, says the server rejects them with 550 because
// they are "supported only for z/OS UNIX files", and IP Configuration
// Reference, EXTENSIONS statement (ftpcasextensions.htm): "If an FTP
// client requests MDTM or SIZE information for an MVS data set ... the
// server returns an FTP reply code and error message instead".
// (unverified wording)
func mvsNotUnixFile(verb, name string) string {
	return verb + " fails: " + name + " is not a z/OS UNIX file."
}

// mvsBadName answers a name that breaks the MVS naming rules.
// (unverified: public capture of a z/OS 3.1 server)
func mvsBadName(name string) string {
	return `Invalid data set name "'` + printable(name) + `'".  Use MVS Dsname conventions.`
}

// mvsNoRestart answers REST: the z/OS server restarts transfers only in
// block or compressed mode, and zftpd has only stream mode.
// (unverified: public capture of a z/OS 3.1 server)
const mvsNoRestart = "Restart requires Block or Compressed transfer mode."

// SITE replies. IBM, IP and SNA Codes, 200 reply codes (rc200.htm) and
// ftp200146.htm; IP User's Guide and Commands, BatchPipes example
// (wbatchpipeexample.htm): "200-BLOCKSIZE must be a multiple of LRECL for
// RECFM FB", "200-BLOCKSIZE being set to 6160", "200 SITE command was
// accepted".

func siteBlksizeMultiple(recfm string) string {
	return "BLOCKSIZE must be a multiple of LRECL for RECFM " + recfm
}

func siteBlksizeVariable(recfm string) string {
	return "BLOCKSIZE must be at least 4 more than LRECL for RECFM " + recfm
}

func siteBlksizeEqual(recfm string) string { return "BLOCKSIZE must equal LRECL for RECFM " + recfm }

func siteBlksizeSet(n int) string { return fmt.Sprintf("BLOCKSIZE being set to %d", n) }

// siteBlksizeNotNumeric: IBM rc200.htm, "Blocksize parameter (value) is
// not numeric. Blocksize ignored."
func siteBlksizeNotNumeric(v string) string {
	return "Blocksize parameter (" + printable(v) + ") is not numeric. Blocksize ignored."
}

// siteBlksizeRange: IBM rc200.htm, "Blocksize parameter (value) must be
// between 0 and 32760. Blocksize ignored."
func siteBlksizeRange(v string) string {
	return "Blocksize parameter (" + printable(v) + ") must be between 0 and 32760. Blocksize ignored."
}

// siteNotNumeric: IBM ftp200146.htm, "Parameter keyword value value is
// not numeric - the parameter is ignored".
func siteNotNumeric(keyword, v string) string {
	return "Parameter " + keyword + " value " + printable(v) + " is not numeric - the parameter is ignored"
}

// siteUnrecognized answers a SITE parameter the server does not know.
// (unverified: public capture of a z/OS 3.1 server)
func siteUnrecognized(p string) string {
	return "Unrecognized parameter '" + printable(p) + "' on SITE command."
}

// JES replies.

// jesSending starts STOR under FILETYPE=JES. IBM, IP Configuration Guide,
// "Verifying the FTP-to-JES interface" (ftp_verify_jes_interface.htm):
// "125 Sending Job to JES internal reader FIXrecfm 80"; IP and SNA Codes
// ftp125-35.htm.
const jesSending = "Sending Job to JES internal reader FIXrecfm 80"

// jesKnownAs is the first line of the 250 reply to a submitted job, the
// same page: "250-It is known to JES as JOB00076" then "250 Transfer
// completed successfully."
func jesKnownAs(id string) string { return "It is known to JES as " + id }

// jesListStarted starts LIST and NLST under FILETYPE=JES. IBM, IP User's
// Guide and Commands, "Displaying the status of a job:
// JESINTERFACELEVEL=2" (dispstatusdirlevel2.htm): "125 List started OK
// for JESJOBNAME=USER1*, JESSTATUS=ALL and JESOWNER=USER1".
func jesListStarted(f jesFilter) string { return "List started OK for " + f.String() }

// jesListHeader heads a job list, the same page (column widths from a
// public capture of a z/OS 3.1 server).
const jesListHeader = "JOBNAME  JOBID    OWNER    STATUS CLASS"

// jesNoJobs answers a job list that matches nothing. (unverified: IBM's
// z/OS core collection for FTP, pull request 1, quotes "550 NO JOBS
// FOUND")
func jesNoJobs(f jesFilter) string { return "No jobs found for " + f.String() }

// jesNotFound answers RETR and DELE of a job the filters do not show.
// (unverified: public capture of a z/OS 3.1 server)
func jesNotFound(id string, f jesFilter) string {
	return "Jobid " + id + " not found for " + f.String()
}

// jesBadJobID answers a name that is not a job ID: IBM, IP and SNA Codes,
// ftp550-31.htm ("For FILETYPE=JES, a pathname must be in the form of
// JOBxxxxx ..."). (unverified wording)
func jesBadJobID(verb, name string) string {
	return verb + " fails: " + printable(name) + " is not a job ID of the form JOBnnnnn or Jnnnnn."
}

// jesNoSpoolFile answers RETR of a spool file number the job does not
// have. (unverified: zftpd's own words)
func jesNoSpoolFile(id string, n int) string {
	return fmt.Sprintf("Spool file %d not found for %s", n, id)
}

// jesSendingAll starts RETR of all spool files of a job; jesSpoolEnd ends
// each of them. (unverified: public capture of a z/OS 3.1 server)
const (
	jesSendingAll = "Sending all spool files for requested Jobid"
	jesSpoolEnd   = " !! END OF JES SPOOL FILE !!"
)

// jesPurged answers DELE of a job. (unverified: public capture of a z/OS
// 3.1 server)
const jesPurged = "Cancel successful"
