package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
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
	if unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, path, unix.RENAME_EXCHANGE) == nil {
		os.Remove(tmp) // the old file; in the directory just written to, it goes
		return nil
	}
	return os.Rename(tmp, path)
}
