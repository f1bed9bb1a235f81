package encoder

// Condition codes in Go's spelling, indexed by the x86 condition number
// (Jcc, SETcc and CMOVcc suffixes).
var ccNames = [16]string{"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI", "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"}
