// Command echo is the Go twin of examples/echo.s: a TCP echo server on
// 127.0.0.1, port ECHO_PORT (default 7007), a goroutine per connection
// copying what it reads back with io.Copy until end of file. Prints
// "echo listening on <port>" once it listens.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

func main() {
	port := os.Getenv("ECHO_PORT")
	if port == "" {
		port = "7007"
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, "echo:", err)
		os.Exit(1)
	}
	fmt.Printf("echo listening on %s\n", port)
	backoff := time.Duration(0)
	for {
		c, err := l.Accept()
		if err != nil {
			// As net/http's server: out of descriptors, try again later.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			fmt.Fprintln(os.Stderr, "echo:", err)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		go func() {
			io.Copy(c, c)
			c.Close()
		}()
	}
}
