//go:build !unix

package main

import "os"

// maxRSS is not measured where there is no getrusage.
func maxRSS(*os.ProcessState) int64 { return 0 }

func syncDisks() {}
