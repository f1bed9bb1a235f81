package atomicfile

import (
	"os"
	"syscall"
	"unsafe"
)

// replace renames tmp to path. Over an existing file it swaps the two
// names instead and removes tmp, which then names the old file: ext4
// takes a rename over a file as a request for durability and allocates
// and starts writing back the new file's blocks inside the rename (0.3 ms
// for a 120 KB executable, as long as the rest of the write), and an
// exchange it does not. Either way a reader sees the old file or the
// whole new one. Where the swap fails (no file at path, a file system
// without it), a plain rename.
func replace(tmp, path string) error {
	if exchange(tmp, path) == nil {
		os.Remove(tmp) // the old file; in the directory just written to, it goes
		return nil
	}
	return os.Rename(tmp, path)
}

// exchange swaps two names atomically: renameat2 with RENAME_EXCHANGE,
// which package syscall does not wrap.
func exchange(a, b string) error {
	const (
		sysRenameat2   = 316 // on amd64
		atFDCWD        = -0x64
		renameExchange = 1 << 1
	)
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	fd := atFDCWD
	_, _, errno := syscall.Syscall6(sysRenameat2, uintptr(fd), uintptr(unsafe.Pointer(pa)),
		uintptr(fd), uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
