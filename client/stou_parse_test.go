package client

import "testing"

// TestStouUniqueName: the unique name is read from each form servers send
// it in; a reply that names none, or an error reply, gives "".
func TestStouUniqueName(t *testing.T) {
	for _, tt := range []struct {
		replies []*Reply
		want    string
	}{
		{[]*Reply{{Code: 150, Lines: []string{"150 FILE: a.txt.1"}}, {Code: 226, Lines: []string{"226 Transfer complete."}}}, "a.txt.1"},
		{[]*Reply{{Code: 125, Lines: []string{"125 FILE: /u/user1/report"}}}, "/u/user1/report"},
		{[]*Reply{{Code: 150, Lines: []string{"150 Opening BINARY mode data connection"}}, {Code: 226, Lines: []string{"226 Transfer complete (unique file name:f.txt.3)."}}}, "f.txt.3"},
		{[]*Reply{{Code: 150, Lines: []string{"150 Accepted data connection"}}, {Code: 226, Lines: []string{"226-FILE: pureftpd.5f3a.1", "226 Transfer completed"}}}, "pureftpd.5f3a.1"},
		{[]*Reply{{Code: 125, Lines: []string{"125 Storing data set /u/user1/a.txt.1"}}, {Code: 250, Lines: []string{"250 Transfer completed successfully."}}}, "/u/user1/a.txt.1"},
		{[]*Reply{{Code: 150, Lines: []string{"150 Ok to send data."}}, {Code: 226, Lines: []string{"226 Transfer complete."}}}, ""},
		{[]*Reply{{Code: 553, Lines: []string{"553 FILE: x refused"}}}, ""},
		{nil, ""},
	} {
		o := &stouReplies{replies: tt.replies}
		if got := o.unique(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.replies, got, tt.want)
		}
	}
}
