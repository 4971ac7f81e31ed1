package published

import (
	"bytes"
	"testing"
	"time"
)

// FuzzParse: any bytes are read without a panic, and what is read is
// written back to a file that reads the same.
func FuzzParse(f *testing.F) {
	m := &Memory{Events: map[string]*Event{"1.0.freeze@example.org": {Sequence: 2, Slips: 1,
		Modified: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Feeds: []string{"calendar.ics"},
		Lines: []string{`SUMMARY:Freeze (A\, "b")`, "DTSTART;VALUE=DATE:20260226", "DURATION:PT0S"}}}}
	f.Add(m.Encode())
	f.Add([]byte("version = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, diags := Parse(data)
		if m == nil {
			if !diags.HasErrors() {
				t.Fatalf("nothing read, and no problem said")
			}
			return
		}
		again := m.Encode()
		back, diags := Parse(again)
		if back == nil {
			t.Fatalf("a file relbook wrote does not read: %v\n%s", diags, again)
		}
		if !bytes.Equal(back.Encode(), again) {
			t.Fatalf("written twice, the file changed:\n%s\n%s", again, back.Encode())
		}
	})
}
