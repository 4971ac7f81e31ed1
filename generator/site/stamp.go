package site

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// SourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds
// convention for "the time this source was last changed"; zero when unset.
func SourceDateEpoch() (time.Time, error) {
	v := strings.TrimSpace(os.Getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// LastCommit returns the commit time of the last commit that touched dir,
// when dir is in a git work tree and git is installed; zero otherwise. A
// fresh clone has new file times but the same commits, so this, unlike a
// file's modification time, gives every clone the same feeds.
func LastCommit(dir string) time.Time {
	if dir == "" {
		return time.Time{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "log", "-1", "--format=%ct", "--", ".").Output()
	if err != nil {
		return time.Time{}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
