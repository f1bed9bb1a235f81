package encoder

// exportUndefinedLocals turns each file-local symbol (name<>) that the file
// refers to but never defines into an undefined reference named name<>.
// Go's assembler accepts such a file and its linker reports the symbol; an
// ELF object cannot hold an undefined local symbol, so the reference goes
// out as a global one, which no other file defines (the name keeps its
// <>), and every linker then reports it undefined by that name.
func (a *assembler) exportUndefinedLocals() {
	for _, s := range a.obj.Symbols {
		if s.Local && !s.Defined {
			s.Local = false
			s.Name += "<>"
		}
	}
}
