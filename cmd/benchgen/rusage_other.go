//go:build !unix

package main

import (
	"os"
	"time"
)

// maxRSS is not measured where there is no getrusage.
func maxRSS(*os.ProcessState) int64 { return 0 }

func syncDisks() {}

// cpuTime is not measured where there is no getrusage.
func cpuTime() time.Duration { return 0 }
