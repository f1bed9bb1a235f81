package encoder

// Less common integer and system instructions, in Go's spelling.
func init() {
	for _, s := range wlq {
		w := s.pfx
		addForms("ADCX"+s.sfx, "rm,r: 66 "+w+" 0F 38 F6 /r")
		addForms("ADOX"+s.sfx, "rm,r: F3 "+w+" 0F 38 F6 /r")
		addForms("CRC32"+s.sfx, "rm,r: "+w+" F2 0F 38 F1 /r")
		addForms("MOVBE"+s.sfx, "r,m: "+w+" 0F 38 F1 /r", "m,r: "+w+" 0F 38 F0 /r")
		addForms("RDRAND"+s.sfx, "r: "+w+" 0F C7 /6")
		addForms("RDSEED"+s.sfx, "r: "+w+" 0F C7 /7")
		addForms("LAR"+s.sfx, "rm,r: "+w+" 0F 02 /r")
		addForms("LSL"+s.sfx, "rm,r: "+w+" 0F 03 /r")
	}
	// The operand-size prefix comes before F2 here, as Go emits it.
	forms["CRC32W"] = nil
	addForms("CRC32W", "rm,r: 66 F2 0F 38 F1 /r")
	addForms("CRC32B", "rm8,r: F2 0F 38 F0 /r")
	// ADCX and ADOX have no 16-bit form.
	delete(forms, "ADCXW")
	delete(forms, "ADOXW")
	// Segment and control registers (no operand-size prefix on MOVW).
	addForms("MOVW", "rm,seg: 8E /r", "seg,rm: 8C /r")
	addForms("MOVQ", "r,ctl: 0F 22 /r", "ctl,r: 0F 20 /r")
	addForms("PUSHQ", "fs: 0F A0", "gs: 0F A8")
	addForms("POPQ", "fs: 0F A1", "gs: 0F A9")
	addForms("MOVNTIL", "r,m: 0F C3 /r")
	addForms("MOVNTIQ", "r,m: W 0F C3 /r")
	addForms("MOVSWW", "rm,r: 66 0F BF /r")
	addForms("MOVZWW", "rm,r: 66 0F B7 /r")
	addForms("CLFLUSH", "m: 0F AE /7")
	addForms("INVLPG", "m: 0F 01 /7")
	addForms("PREFETCHNTA", "m: 0F 18 /0")
	addForms("PREFETCHT0", "m: 0F 18 /1")
	addForms("PREFETCHT1", "m: 0F 18 /2")
	addForms("PREFETCHT2", "m: 0F 18 /3")
	for _, z := range []struct{ name, spec string }{
		{"LAHF", "9F"}, {"SAHF", "9E"}, {"CLI", "FA"}, {"STI", "FB"}, {"XLAT", "D7"},
		{"RDMSR", "0F 32"}, {"WRMSR", "0F 30"}, {"RDPMC", "0F 33"},
		{"XGETBV", "0F 01 D0"}, {"XSETBV", "0F 01 D1"}, {"SWAPGS", "0F 01 F8"},
		{"INVD", "0F 08"}, {"WBINVD", "0F 09"}, {"CLTS", "0F 06"}, {"RSM", "0F AA"},
		{"SYSENTER", "0F 34"}, {"SYSEXIT", "0F 35"}, {"SYSRET", "0F 07"},
		{"MONITOR", "0F 01 C8"}, {"MWAIT", "0F 01 C9"}, {"CLAC", "0F 01 CA"}, {"STAC", "0F 01 CB"},
		{"XEND", "0F 01 D5"}, {"XTEST", "0F 01 D6"}, {"RDPKRU", "0F 01 EE"}, {"WRPKRU", "0F 01 EF"},
		{"INSB", "6C"}, {"INSW", "66 6D"}, {"INSL", "6D"}, {"OUTSB", "6E"}, {"OUTSW", "66 6F"}, {"OUTSL", "6F"},
		{"ICEBP", "F1"}, {"IRETW", "66 CF"}, {"IRETL", "CF"}, {"IRETQ", "W CF"},
		{"UD1", "0F B9"}, {"EMMS", "0F 77"},
	} {
		addForms(z.name, ": "+z.spec)
	}
}
