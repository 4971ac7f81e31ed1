package parallel

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// First returns the error of the least index that fails, however the
// calls are scheduled, and stops making calls after a failure.
func TestFirstReturnsTheLeastFailure(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for range 20 {
		var late atomic.Int32 // calls of steps long after the failure
		err := First(1000, func(i int) error {
			if i >= 500 {
				late.Add(1)
			}
			if i%100 == 37 {
				return fmt.Errorf("step %d", i)
			}
			time.Sleep(20 * time.Microsecond)
			return nil
		})
		if err == nil || err.Error() != "step 37" {
			t.Fatalf("First = %v, want the error of step 37", err)
		}
		if n := late.Load(); n > 0 {
			t.Fatalf("First went on with %d steps long after one failed", n)
		}
	}
	if err := First(10, func(int) error { return nil }); err != nil {
		t.Fatalf("First = %v with no failure", err)
	}
}

// First reports the error of the first step in order that failed, even
// when a later one failed sooner, and tries every step before it.
func TestFirstErrorInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var names []string
	for i := range 64 {
		names = append(names, fmt.Sprintf("%02d", i))
	}
	var mu sync.Mutex
	tried := map[string]bool{}
	err := First(len(names), func(i int) error {
		name := names[i]
		mu.Lock()
		tried[name] = true
		mu.Unlock()
		switch name {
		case "10":
			time.Sleep(50 * time.Millisecond)
			return errors.New("10 failed")
		case "40", "60":
			return errors.New(name + " failed")
		}
		return nil
	})
	if err == nil || err.Error() != "10 failed" {
		t.Errorf("First = %v, want the error of 10", err)
	}
	for _, name := range names[:10] {
		if !tried[name] {
			t.Errorf("%s, before the first failure, was not tried", name)
		}
	}
}
