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
