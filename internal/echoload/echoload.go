// Package echoload is a load client for echo servers (examples/echo.s and
// its Go twin in bench/peers/echo), shared by the tests and the bench: a
// number of connections to a loopback address, each sending messages one
// at a time and checking every echo byte for byte.
package echoload

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"slices"
	"sync"
	"time"
)

// Config is one load: Conns connections (dialled at most Dialers at a
// time), each sending Msgs messages of Size bytes, the whole within
// Timeout.
type Config struct {
	Addr    string
	Conns   int
	Msgs    int
	Size    int
	Dialers int
	Timeout time.Duration
}

// Result is what a load measured: messages echoed correctly, the time
// from the first message sent to the last echo, and the round trips'
// 50th and 99th percentiles.
type Result struct {
	Msgs     int
	Duration time.Duration
	P50, P99 time.Duration
}

// Run dials every connection first, then lets them all send at once. Any
// connection that fails, or any echo that differs, fails the load.
func Run(cfg Config) (Result, error) {
	if cfg.Dialers <= 0 {
		cfg.Dialers = 64
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
	defer cancel()
	conns := make([]net.Conn, cfg.Conns)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	var d net.Dialer
	sem := make(chan struct{}, cfg.Dialers)
	errs := make(chan error, cfg.Conns)
	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := d.DialContext(ctx, "tcp", cfg.Addr)
			if err != nil {
				errs <- fmt.Errorf("dial %d: %w", i, err)
				return
			}
			conns[i] = c
		}()
	}
	wg.Wait()
	if len(errs) > 0 { // every sender is done: a failure is queued
		return Result{}, <-errs
	}
	deadline, _ := ctx.Deadline()
	lat := make([][]time.Duration, cfg.Conns)
	startGate := make(chan struct{})
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.SetDeadline(deadline)
			msg := make([]byte, cfg.Size)
			for k := range msg {
				msg[k] = byte(i + k)
			}
			got := make([]byte, cfg.Size)
			l := make([]time.Duration, 0, cfg.Msgs)
			<-startGate
			for j := 0; j < cfg.Msgs; j++ {
				msg[0] = byte(j)
				t0 := time.Now()
				if _, err := c.Write(msg); err != nil {
					errs <- fmt.Errorf("conn %d message %d: write: %w", i, j, err)
					return
				}
				if _, err := io.ReadFull(c, got); err != nil {
					errs <- fmt.Errorf("conn %d message %d: read: %w", i, j, err)
					return
				}
				l = append(l, time.Since(t0))
				if !bytes.Equal(got, msg) {
					errs <- fmt.Errorf("conn %d message %d: echo %x, sent %x", i, j, got, msg)
					return
				}
			}
			lat[i] = l
		}()
	}
	start := time.Now()
	close(startGate)
	wg.Wait()
	dur := time.Since(start)
	if len(errs) > 0 { // every sender is done: a failure is queued
		return Result{}, <-errs
	}
	all := make([]time.Duration, 0, cfg.Conns*cfg.Msgs)
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := Result{Msgs: len(all), Duration: dur}
	if len(all) > 0 {
		r.P50 = all[len(all)/2]
		r.P99 = all[len(all)*99/100]
	}
	return r, nil
}
