package tls

import (
	stdtls "crypto/tls"
	"testing"
)

// TestCipherName: every suite crypto/tls knows is named as crypto/tls names
// it, the TLS 1.3 ones included (CipherName names those itself), and an
// unknown one by its number.
func TestCipherName(t *testing.T) {
	for _, cs := range append(stdtls.CipherSuites(), stdtls.InsecureCipherSuites()...) {
		if got := CipherName(cs.ID); got != cs.Name {
			t.Errorf("CipherName(0x%04x) = %q, want %q", cs.ID, got, cs.Name)
		}
	}
	if got, want := CipherName(0xfefe), stdtls.CipherSuiteName(0xfefe); got != want {
		t.Errorf("unknown suite: %q, want %q", got, want)
	}
	if n := testing.AllocsPerRun(10, func() { CipherName(stdtls.TLS_AES_128_GCM_SHA256) }); n != 0 {
		t.Errorf("naming a TLS 1.3 suite allocates %v times", n)
	}
}
