//go:build !linux

package atomicfile

import "os"

// replace renames tmp to path.
func replace(tmp, path string) error {
	return os.Rename(tmp, path)
}
