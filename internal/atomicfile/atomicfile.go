// Package atomicfile writes output files so that a reader never sees a
// partial file: the data goes to a temporary file in the same directory,
// which is renamed over the destination only once it is complete. A failed
// write leaves whatever was at the destination untouched.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write stores data at path with the given permission bits. A path that
// names something other than a regular file (/dev/null, a pipe) is written
// in place: renaming over it would replace the device with a file.
func Write(path string, data []byte, perm os.FileMode) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return nil
}
