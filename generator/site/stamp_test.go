package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

func TestStampPrecedence(t *testing.T) {
	epoch := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	updated := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	commit := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		opts Options
		h    handbook.Handbook
		want time.Time
	}{
		{"SOURCE_DATE_EPOCH wins", Options{Stamp: epoch, CommitTime: commit}, handbook.Handbook{Updated: updated}, epoch},
		{"then updated", Options{CommitTime: commit}, handbook.Handbook{Updated: updated}, updated},
		{"then the last commit", Options{CommitTime: commit}, handbook.Handbook{}, commit},
		{"else a fixed instant, never the clock", Options{}, handbook.Handbook{}, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if got := tc.opts.stamp(&tc.h); !got.Equal(tc.want) {
			t.Errorf("%s: stamp = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1763715600")
	got, err := SourceDateEpoch()
	if err != nil || !got.Equal(time.Unix(1763715600, 0)) {
		t.Errorf("SourceDateEpoch() = %v, %v", got, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := SourceDateEpoch(); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number was accepted")
	}
	// The last second of 9999 is the latest a feed can write; one more
	// would make DTSTAMP:100000101T000000Z.
	t.Setenv("SOURCE_DATE_EPOCH", "253402300799")
	if got, err := SourceDateEpoch(); err != nil || got.Year() != 9999 {
		t.Errorf("SourceDateEpoch() of the last second of 9999 = %v, %v", got, err)
	}
	for _, v := range []string{"253402300800", "300000000000", "9223372036854775807"} {
		t.Setenv("SOURCE_DATE_EPOCH", v)
		_, err := SourceDateEpoch()
		if err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH=\""+v+"\" is after the year 9999") {
			t.Errorf("SOURCE_DATE_EPOCH=%s: got error %v, want one naming the variable and the year 9999", v, err)
		}
	}
}

func TestLastCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "content")
	os.MkdirAll(site, 0o755)
	os.WriteFile(filepath.Join(site, "handbook.toml"), []byte("title = \"x\"\n"), 0o644)
	if !LastCommit(site).IsZero() {
		t.Error("a folder outside any git work tree has a commit time")
	}
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2026-11-19T08:00:00Z", "GIT_AUTHOR_DATE=2026-11-19T08:00:00Z",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "handbook")
	if got := LastCommit(site); !got.Equal(time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("LastCommit = %v, want the commit's time", got)
	}
}
