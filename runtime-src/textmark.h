// TEXT_MARK(name): a one-byte function (INT3) that marks where a source
// file's code begins (runtime·<x>Text) or ends (runtime·<x>Etext); the
// table in textranges_amd64.s pairs them. Include after textflag.h.

#define TEXT_MARK(name)	TEXT name(SB), NOSPLIT|NOFRAME, $0; BYTE $0xcc
