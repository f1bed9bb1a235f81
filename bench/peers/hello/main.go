// Command hello is the Go peer of examples/hello.s: it writes one line
// through os.Stdout and exits.
package main

import "os"

func main() {
	os.Stdout.Write([]byte("hello, world\n"))
}
