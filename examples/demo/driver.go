package main

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// driver is the testing.TB the block driver needs outside a test: the driver only marks helpers
// and stops on a failure of its own (a block the app refuses, a header it cannot sign). A failure
// is recorded and ends the goroutine running the demo, as a failed test's goroutine ends.
type driver struct {
	testing.TB
	mu     sync.Mutex
	failed error
}

// Helper does nothing: the demo reports its own step names.
func (d *driver) Helper() {}

// Fatalf records the driver's failure and ends the calling goroutine.
func (d *driver) Fatalf(format string, args ...any) {
	d.mu.Lock()
	d.failed = fmt.Errorf(format, args...)
	d.mu.Unlock()
	runtime.Goexit()
}

// Fatal records the driver's failure and ends the calling goroutine.
func (d *driver) Fatal(args ...any) { d.Fatalf("%s", fmt.Sprint(args...)) }

// runDriven runs fn on its own goroutine so that a driver failure ends only fn, and returns fn's
// error or the driver's failure.
func runDriven(fn func(t *driver) error) error {
	d := &driver{}
	var result error
	done := make(chan struct{})
	go func() {
		defer close(done)
		result = fn(d)
	}()
	<-done
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.failed != nil {
		return fmt.Errorf("block driver: %w", d.failed)
	}
	return result
}
