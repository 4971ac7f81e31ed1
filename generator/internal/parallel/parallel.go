// Package parallel runs the independent steps of a build stage on every
// core: rendering pages, scanning them for links, encoding feeds, parsing
// guides.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) … f(n-1) on up to GOMAXPROCS goroutines, each taking the
// next index as its call ends, and returns when every call has. A panic in
// f stops the remaining calls and is raised again in the caller, as it
// would be without the goroutines: the live preview recovers from one.
func For(n int, f func(i int)) {
	Workers(runtime.GOMAXPROCS(0), n, f)
}

// Workers is For on up to workers goroutines, for work that waits on the
// disk more than it runs on a core.
func Workers(workers, n int, f func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	for range workers {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = p })
					next.Store(int64(n))
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// First is For for steps that can fail: it calls f(0) … f(n-1) on every
// core and returns the error of the least index for which f failed, or
// nil. Once a call has failed, only the indexes before it are still
// tried, so that the error returned does not depend on which call ended
// first.
func First(n int, f func(i int) error) error {
	errs := make([]error, n)
	var failed atomic.Int64 // the least index that failed so far
	failed.Store(int64(n))
	For(n, func(i int) {
		if int64(i) > failed.Load() {
			return
		}
		if errs[i] = f(i); errs[i] == nil {
			return
		}
		for least := failed.Load(); int64(i) < least && !failed.CompareAndSwap(least, int64(i)); {
			least = failed.Load()
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
