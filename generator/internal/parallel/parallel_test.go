package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		for _, n := range []int{0, 1, 7, 1000} {
			counts := make([]atomic.Int32, n)
			For(n, func(i int) { counts[i].Add(1) })
			for i := range counts {
				if c := counts[i].Load(); c != 1 {
					t.Fatalf("GOMAXPROCS %d, n %d: index %d called %d times", procs, n, i, c)
				}
			}
		}
	}
}

// A panic on one of the goroutines reaches the caller, whose recover
// (the live preview has one) must see it.
func TestForPanicReachesCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func() {
		if p := recover(); p != "task 3" {
			t.Errorf("recovered %v, want the panic of task 3", p)
		}
	}()
	For(100, func(i int) {
		if i == 3 {
			panic("task 3")
		}
	})
	t.Error("For returned after a panic")
}

// Workers runs no more calls at a time than it is given workers.
func TestWorkersBound(t *testing.T) {
	var running, most atomic.Int32
	Workers(3, 60, func(int) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		for range 20000 {
			_ = running.Load()
		}
		running.Add(-1)
	})
	if m := most.Load(); m > 3 || m < 1 {
		t.Errorf("%d calls ran at once, want 1 to 3", m)
	}
}
