package load

import (
	"testing"
	"testing/fstest"
)

// Files that are not UTF-8 text are reported at the first bad byte; a
// byte-order mark and CRLF line endings are fine.
func TestReadRejectsNonText(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml":        {Data: []byte("\xef\xbb\xbftitle = \"BOM\"\r\nbase_url = \"https://example.org/\"\r\n")},
		"roles/lead.md":        {Data: []byte("+++\ntitle = \"Lead\"\n+++\n\nA bad byte: \xff.\n")},
		"roles/binary.md":      {Data: []byte("+++\n+++\nnul\x00\n")},
		"releases/v1.toml":     {Data: []byte("name = \"v1\"\r\nstart = 2026-10-05\r\n\r\n[milestone.release]\r\ndate = 2026-12-02\r\n")},
		"pages/onboarding.md":  {Data: []byte("# Fine\n")},
		"releases/notes.txt":   {Data: []byte("ignored")},
		"releases/v2.toml.bak": {Data: []byte("ignored")},
	}
	src, diags := Read(fsys)
	want := []string{
		"releases/notes.txt:1:1: warning: ignored: releases/ holds only <id>.toml files [ignored-file]",
		"releases/v2.toml.bak:1:1: warning: ignored: releases/ holds only <id>.toml files [ignored-file]",
		"roles/binary.md:3:4: the file holds a NUL byte; is it a binary file?",
		"roles/lead.md:5:13: the file is not valid UTF-8 text",
	}
	got := []string{}
	for _, d := range diags.Sort() {
		got = append(got, d.String())
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n got %q\nwant %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("diagnostic %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	if src.Settings.Title.V != "BOM" || len(src.Releases) != 1 || len(src.Pages) != 1 {
		t.Errorf("the BOM/CRLF files did not load: title %q, %d releases, %d pages", src.Settings.Title.V, len(src.Releases), len(src.Pages))
	}
}
