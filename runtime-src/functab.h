// A function table record's pointer fields (funcrec_entry, _name, _file,
// _tables) hold 32-bit offsets from the field's own address, as package
// abi lays them out. FUNCREC_PTR(field, rec, reg) puts the address the
// field of the record at rec points at into reg (not rec).

#define FUNCREC_PTR(field, rec, reg)	MOVLQSX field(rec), reg; LEAQ field(rec)(reg*1), reg
