package site

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// SourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds
// convention for "the time this source was last changed"; zero when unset.
// A time after the year 9999 is an error: the feeds write the year in
// four digits.
func SourceDateEpoch() (time.Time, error) {
	v := strings.TrimSpace(os.Getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	if n > maxStamp {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is after the year %d; feeds cannot hold that time", v, handbook.MaxYear)
	}
	return time.Unix(n, 0).UTC(), nil
}

// maxStamp is the last second of the year handbook.MaxYear, in seconds
// since 1970: the latest time a feed can be stamped with.
var maxStamp = time.Date(handbook.MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - 1

// LastCommit returns the commit time of the last commit that touched dir,
// when dir is in a git work tree and git is installed; zero otherwise (and
// for a commit dated after the year 9999, which no feed can hold). A
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
	if err != nil || n <= 0 || n > maxStamp {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
