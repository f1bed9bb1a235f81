// Package deflate is a small zlib (RFC 1950) / DEFLATE (RFC 1951) encoder
// for the linker's debug sections. compress/flate sets up about 700 KB of
// tables for every writer, which in a process that lives a few
// milliseconds costs more than compressing the few kilobytes of DWARF a
// program has; this encoder's state is sized to its input, 32 KB at most. It finds matches through a
// table of recent positions by hash and writes each block with dynamic
// Huffman codes, or the fixed ones when they come out smaller. On the
// runtime's DWARF it runs about a third fewer instructions than
// compress/flate's fastest level, and its output is a little smaller.
package deflate

import (
	"encoding/binary"
	"hash/adler32"
	"math/bits"
	"slices"
	"sync"
)

const (
	deflateMinMatch  = 4   // shortest match looked for (DEFLATE allows 3)
	deflateMaxMatch  = 258 // longest match DEFLATE encodes
	deflateWindow    = 1 << 15
	deflateBlockSize = 1 << 16 // input bytes per block

	numLitLen   = 286
	numDist     = 30
	numCodeLen  = 19
	endOfBlock  = 256
	maxLitBits  = 15
	maxCLenBits = 7
)

// A token is a literal byte (below 256) or a match: matchFlag, the length
// symbol's index (0..28) from bit 23, the distance symbol from bit 18,
// the length's extra bits' value from bit 13 and the distance's in the low
// 13 bits.
type token uint32

const matchFlag token = 1 << 31

func matchToken(length, dist int) token {
	lc, _, lx := lengthCode(uint32(length - 3))
	dc, _, dx := distCode(uint32(dist - 1))
	return matchFlag | token(lc)<<23 | token(dc)<<18 | token(lx)<<13 | token(dx)
}

// lengthExtra and distExtra are how many extra bits follow a length
// symbol's index or a distance symbol.
func lengthExtra(idx uint32) uint32 {
	if idx < 8 || idx == 28 {
		return 0
	}
	return idx/4 - 1
}

func distExtra(code uint32) uint32 {
	if code < 4 {
		return 0
	}
	return code/2 - 1
}

// codeLenOrder is the order code length code lengths are sent in.
var codeLenOrder = [numCodeLen]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// lengthCode returns the length symbol's index (0..28, for symbols
// 257..285), its extra bits and their value for a match of n+3 bytes.
func lengthCode(n uint32) (idx, nbits, extra uint32) {
	switch {
	case n < 8:
		return n, 0, 0
	case n == deflateMaxMatch-3:
		return 28, 0, 0
	}
	e := uint32(bits.Len32(n)) - 3
	idx = 4*(e+1) + (n>>e)&3
	return idx, e, n - ((4 | (idx & 3)) << e)
}

// distCode returns the distance symbol, its extra bits and their value for
// a distance of d+1.
func distCode(d uint32) (code, nbits, extra uint32) {
	if d < 4 {
		return d, 0, 0
	}
	e := uint32(bits.Len32(d)) - 2
	code = 2 + 2*e + (d>>e)&1
	return code, e, d - ((2 | (code & 1)) << e)
}

// bitWriter appends bits LSB first, as DEFLATE packs them.
type bitWriter struct {
	out   []byte
	acc   uint64
	nbits uint
}

// put writes the n low bits of v; n is at most 32.
func (w *bitWriter) put(v uint32, n uint) {
	w.acc |= uint64(v) << w.nbits
	w.nbits += n
	if w.nbits >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.nbits -= 32
	}
}

func (w *bitWriter) flush() {
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits = max(w.nbits, 8) - 8
	}
	w.acc = 0
}

// huffCode is a canonical Huffman code: each symbol's length, and its code
// bit-reversed so it can be written LSB first, with the length from bit 16.
type huffCode struct {
	lens  []uint8
	codes []uint32
}

// putSym writes symbol sym of code c, then the n-bit value extra.
func (w *bitWriter) putSym(c huffCode, sym int, extra, n uint32) {
	e := c.codes[sym]
	l := e >> 16
	w.put(e&0xffff|extra<<l, uint(l+n))
}

// AppendZlib appends to dst the zlib stream of data.
func AppendZlib(dst, data []byte) []byte {
	var m matcher
	return m.zlib(dst, data)
}

// matcher finds earlier occurrences of the bytes at a position: head holds
// the latest position of each hash of 4 bytes, plus one, in a table sized
// to the input. A matcher serves any number of inputs in turn.
type matcher struct {
	head     []uint32
	shift    uint32 // 32 less the hash's bits
	toks     []token
	litFreq  [numLitLen]uint32 // of the tokens of the current block
	distFreq [numDist]uint32
}

// maxHashBits bounds the hash table: 8192 entries, 32 KB.
const maxHashBits = 13

// zlib appends to dst the zlib stream of data.
func (m *matcher) zlib(dst, data []byte) []byte {
	w := bitWriter{out: append(dst, 0x78, 0x01)} // deflate, 32 KiB window, fastest
	hashBits := min(max(bits.Len(uint(len(data)))-2, 8), maxHashBits)
	if len(m.head) != 1<<hashBits {
		m.head = make([]uint32, 1<<hashBits)
	} else {
		clear(m.head)
	}
	m.shift = uint32(32 - hashBits)
	for start := 0; ; start += deflateBlockSize {
		end := min(start+deflateBlockSize, len(data))
		if cap(m.toks) == 0 {
			// Debug information makes fewer tokens than half its bytes;
			// append grows the slice for data that does not.
			m.toks = make([]token, 0, (end-start)/2+16)
		}
		m.litFreq, m.distFreq = [numLitLen]uint32{}, [numDist]uint32{}
		m.toks = m.tokens(m.toks[:0], data, start, end)
		m.litFreq[endOfBlock]++
		writeBlock(&w, m.toks, &m.litFreq, &m.distFreq, end == len(data))
		if end == len(data) {
			break
		}
	}
	w.flush()
	return binary.BigEndian.AppendUint32(w.out, adler32.Checksum(data))
}

func hash4(v, shift uint32) uint32 {
	return v * 0x9e3779b1 >> shift
}

// tokens appends the tokens of data[start:end] to toks; matches may reach
// back before start. Each position is tried against the last one with
// the same hash only: debug information repeats itself enough that
// searching further buys little.
func (m *matcher) tokens(toks []token, data []byte, start, end int) []token {
	le := binary.LittleEndian
	head, shift := m.head, m.shift
	i := start
	for end-i >= deflateMinMatch {
		v := le.Uint32(data[i:])
		h := hash4(v, shift)
		cand := int(head[h]) - 1
		head[h] = uint32(i + 1)
		if cand < 0 || i-cand > deflateWindow || le.Uint32(data[cand:]) != v {
			m.litFreq[data[i]]++
			toks = append(toks, token(data[i]))
			i++
			continue
		}
		maxLen := min(deflateMaxMatch, end-i)
		n := 4 + matchLen(data[cand+4:cand+maxLen], data[i+4:i+maxLen])
		t := matchToken(n, i-cand)
		m.litFreq[257+t>>23&31]++
		m.distFreq[t>>18&31]++
		toks = append(toks, t)
		// Remember the match's last position, where the next one may
		// start repeating too.
		if k := i + n - 1; k+4 <= len(data) {
			head[hash4(le.Uint32(data[k:]), shift)] = uint32(k + 1)
		}
		i += n
	}
	for ; i < end; i++ {
		m.litFreq[data[i]]++
		toks = append(toks, token(data[i]))
	}
	return toks
}

// matchLen is how many leading bytes a and b (of equal length) share.
func matchLen(a, b []byte) int {
	n := 0
	for len(a)-n >= 8 {
		x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:])
		if x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// writeBlock writes toks as one block with whichever Huffman codes, dynamic
// or fixed, make it smaller.
func writeBlock(w *bitWriter, toks []token, litFreq *[numLitLen]uint32, distFreq *[numDist]uint32, final bool) {

	lit := buildCode(litFreq[:], maxLitBits)
	dist := buildCode(distFreq[:], maxLitBits)
	nlit, ndist := trimLens(lit.lens, 257), trimLens(dist.lens, 1)
	seq := codeLenSymbols(append(slices.Clone(lit.lens[:nlit]), dist.lens[:ndist]...))
	var clFreq [numCodeLen]uint32
	for _, s := range seq {
		clFreq[s&0xff]++
	}
	cl := buildCode(clFreq[:], maxCLenBits)
	ncl := numCodeLen
	for ncl > 4 && cl.lens[codeLenOrder[ncl-1]] == 0 {
		ncl--
	}

	// Sizes in bits, without the 3-bit block header both have.
	dynBits := 5 + 5 + 4 + 3*ncl
	for _, s := range seq {
		dynBits += int(cl.lens[s&0xff]) + int(s>>8&0xff)
	}
	fixedBits := 0
	for sym, f := range litFreq {
		dynBits += int(f) * int(lit.lens[sym])
		fixedBits += int(f) * int(fixedLitLen(sym))
	}
	for sym, f := range distFreq {
		dynBits += int(f) * int(dist.lens[sym])
		fixedBits += int(f) * 5
	}

	last := uint32(0)
	if final {
		last = 1
	}
	if fixedBits <= dynBits {
		w.put(last|1<<1, 3)
		fixLit, fixDist := fixedCodes()
		writeTokens(w, toks, fixLit, fixDist)
		return
	}
	w.put(last|2<<1, 3)
	w.put(uint32(nlit-257), 5)
	w.put(uint32(ndist-1), 5)
	w.put(uint32(ncl-4), 4)
	for _, s := range codeLenOrder[:ncl] {
		w.put(uint32(cl.lens[s]), 3)
	}
	for _, s := range seq {
		sym := s & 0xff
		w.putSym(cl, int(sym), s>>16, s>>8&0xff)
	}
	writeTokens(w, toks, lit, dist)
}

func writeTokens(w *bitWriter, toks []token, lit, dist huffCode) {
	for _, t := range toks {
		if t&matchFlag == 0 {
			w.putSym(lit, int(t), 0, 0)
			continue
		}
		lc, dc := uint32(t>>23&31), uint32(t>>18&31)
		w.putSym(lit, 257+int(lc), uint32(t>>13&31), lengthExtra(lc))
		w.putSym(dist, int(dc), uint32(t&0x1fff), distExtra(dc))
	}
	w.putSym(lit, endOfBlock, 0, 0)
}

// fixedLitLen is the length of a literal/length symbol's fixed code.
func fixedLitLen(sym int) uint8 {
	switch {
	case sym < 144:
		return 8
	case sym < 256:
		return 9
	case sym < 280:
		return 7
	}
	return 8
}

// fixedCodes returns the fixed literal/length and distance codes, built
// once and shared (they are only read).
var fixedCodes = sync.OnceValues(func() (lit, dist huffCode) {
	lens := make([]uint8, 288+numDist)
	for i := range 288 {
		lens[i] = fixedLitLen(i)
	}
	for i := range numDist {
		lens[288+i] = 5
	}
	return huffCode{lens[:288], canonical(lens[:288])}, huffCode{lens[288:], canonical(lens[288:])}
})

// trimLens is how many code lengths must be sent: up to the last nonzero
// one, and at least least.
func trimLens(lens []uint8, least int) int {
	n := len(lens)
	for n > least && lens[n-1] == 0 {
		n--
	}
	return n
}

// codeLenSymbols run-length encodes code lengths with the code length
// alphabet: each entry is the symbol, its extra bits' count from bit 8
// and their value from bit 16.
func codeLenSymbols(lens []uint8) []uint32 {
	var seq []uint32
	for i := 0; i < len(lens); {
		l := lens[i]
		run := 1
		for i+run < len(lens) && lens[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				n := min(run, 138)
				seq = append(seq, 18|7<<8|uint32(n-11)<<16)
				run -= n
			}
			if run >= 3 {
				seq = append(seq, 17|3<<8|uint32(run-3)<<16)
				run = 0
			}
		} else {
			seq = append(seq, uint32(l))
			run--
			for run >= 3 {
				n := min(run, 6)
				seq = append(seq, 16|2<<8|uint32(n-3)<<16)
				run -= n
			}
		}
		for ; run > 0; run-- {
			seq = append(seq, uint32(l))
		}
	}
	return seq
}

// buildCode returns a canonical Huffman code for freq with no code longer
// than maxBits. At least two symbols get codes, so that every code is
// complete, as decoders require.
func buildCode(freq []uint32, maxBits int) huffCode {
	// Leaves sorted least frequent first; among equals, the higher symbol
	// first, so it gets the longer code. Each key is freq<<16 | ^sym.
	var leaves []uint64
	for s, f := range freq {
		if f > 0 {
			leaves = append(leaves, uint64(f)<<16|uint64(^uint16(s)))
		}
	}
	for s := 0; len(leaves) < 2; s++ {
		if freq[s] == 0 {
			leaves = append(leaves, 1<<16|uint64(^uint16(s)))
		}
	}
	slices.Sort(leaves)

	// Huffman's construction with two queues: the sorted leaves and the
	// internal nodes, which are made in order of weight. Node i (leaves
	// first, then internal nodes) has weight[i] and parent[i].
	n := len(leaves)
	weight := make([]uint64, 2*n-1)
	parent := make([]int, 2*n-1)
	for i, lf := range leaves {
		weight[i] = lf >> 16
	}
	nextLeaf, nextNode := 0, n
	pick := func(made int) int {
		if nextLeaf < n && (nextNode >= made || weight[nextLeaf] <= weight[nextNode]) {
			nextLeaf++
			return nextLeaf - 1
		}
		nextNode++
		return nextNode - 1
	}
	for made := n; made < 2*n-1; made++ {
		a := pick(made)
		b := pick(made)
		weight[made] = weight[a] + weight[b]
		parent[a], parent[b] = made, made
	}
	depth := make([]int, 2*n-1)
	for i := 2*n - 3; i >= 0; i-- {
		depth[i] = depth[parent[i]] + 1
	}

	// Count the leaves of each length, limited to maxBits, then make the
	// code complete again (Kraft sum exactly 1, in units of 2^-maxBits).
	count := make([]int, maxBits+1)
	for i := range n {
		count[min(depth[i], maxBits)]++
	}
	kraft := 0
	for l := 1; l <= maxBits; l++ {
		kraft += count[l] << (maxBits - l)
	}
	for kraft > 1<<maxBits {
		// Lengthen a code of the longest length below maxBits.
		l := maxBits - 1
		for count[l] == 0 {
			l--
		}
		count[l]--
		count[l+1]++
		kraft -= 1 << (maxBits - l - 1)
	}
	for kraft < 1<<maxBits {
		// Shorten the longest code that fits the shortfall.
		for l := maxBits; l > 1; l-- {
			if count[l] > 0 && 1<<(maxBits-l) <= 1<<maxBits-kraft {
				count[l]--
				count[l-1]++
				kraft += 1 << (maxBits - l)
				break
			}
		}
	}

	// The least frequent leaves take the longest lengths.
	lens := make([]uint8, len(freq))
	i := 0
	for l := maxBits; l >= 1; l-- {
		for k := 0; k < count[l]; k++ {
			lens[^uint16(leaves[i])] = uint8(l)
			i++
		}
	}
	return huffCode{lens, canonical(lens)}
}

// canonical assigns the canonical codes of RFC 1951 to lens, bit-reversed.
func canonical(lens []uint8) []uint32 {
	var count [maxLitBits + 2]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [maxLitBits + 2]uint16
	code := uint16(0)
	for l := 1; l <= maxLitBits; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint32, len(lens))
	for s, l := range lens {
		if l == 0 {
			continue
		}
		codes[s] = uint32(bits.Reverse16(next[l])>>(16-l)) | uint32(l)<<16
		next[l]++
	}
	return codes
}
