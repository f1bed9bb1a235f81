// Package atomicfile writes output files so that a reader never sees a
// partial file: the data goes to a temporary file in the same directory,
// which is renamed over the destination only once it is complete. A failed
// write leaves whatever was at the destination untouched.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Error is a failed write. Its message names the destination as the
// caller gave it, never the temporary file.
type Error struct {
	Path string // the destination
	Err  error  // the cause: a syscall.Errno or other error without a file name
	dir  string // the destination's directory, when it is the problem
}

func (e *Error) Error() string {
	switch {
	case e.dir != "" && errors.Is(e.Err, fs.ErrNotExist):
		return e.Path + ": directory " + e.dir + " does not exist"
	case e.dir != "" && errors.Is(e.Err, syscall.ENOTDIR):
		return e.Path + ": " + e.dir + " is not a directory"
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// fail returns err as an *Error about path, with the file name the
// operating system's error carried (perhaps the temporary file's) removed.
func fail(path, dir string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &Error{Path: path, Err: err, dir: dir}
}

// Write stores data at path with the given permission bits. A path that
// names something other than a regular file (/dev/null, a pipe) is written
// in place: renaming over it would replace the device with a file.
// Errors are *Error values naming path.
func Write(path string, data []byte, perm os.FileMode) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if err := os.WriteFile(path, data, perm); err != nil {
			return fail(path, "", err)
		}
		return nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fail(path, dir, err)
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
		return fail(path, "", err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(path, "", err)
	}
	if err := tmp.Close(); err != nil {
		return fail(path, "", err)
	}
	if err := replace(name, path); err != nil {
		return fail(path, "", err)
	}
	ok = true
	return nil
}
