package deflate

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand"
	"testing"
)

// deflateCases are inputs that exercise literals, short and long matches,
// long runs, far matches, several blocks and skewed symbol frequencies
// that need length-limited codes.
func deflateCases() map[string][]byte {
	r := rand.New(rand.NewSource(1))
	random := make([]byte, 100000)
	r.Read(random)
	text := bytes.Repeat([]byte("runtime.schedule: findRunnable, stealWork, netpoll; "), 3000)
	skewed := make([]byte, 0, 70000)
	// Fibonacci-like symbol counts push Huffman depths past 15 bits.
	a, b := 1, 1
	for sym := 0; sym < 24 && len(skewed) < 60000; sym++ {
		for k := 0; k < a; k++ {
			skewed = append(skewed, byte(sym*7))
		}
		a, b = b, a+b
	}
	r.Shuffle(len(skewed), func(i, j int) { skewed[i], skewed[j] = skewed[j], skewed[i] })
	mixed := make([]byte, 0, 200000)
	for len(mixed) < 200000 {
		if r.Intn(3) == 0 {
			n := r.Intn(300)
			mixed = append(mixed, random[:n]...)
		} else if len(mixed) > 40000 {
			off := len(mixed) - 1 - r.Intn(40000)
			n := r.Intn(300)
			for k := 0; k < n; k++ {
				mixed = append(mixed, mixed[off+k])
			}
		} else {
			mixed = append(mixed, text[:r.Intn(500)]...)
		}
	}
	return map[string][]byte{
		"empty":  nil,
		"one":    {42},
		"four":   {1, 2, 3, 4},
		"zeros":  make([]byte, 70000),
		"random": random,
		"text":   text,
		"skewed": skewed,
		"mixed":  mixed,
	}
}

func TestZlibCompressRoundTrip(t *testing.T) {
	for name, data := range deflateCases() {
		z := AppendZlib(nil, data)
		zr, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, err := io.ReadAll(zr)
		if err == nil {
			err = zr.Close()
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes compressed to %d and read back as %d (%v)", name, len(data), len(z), len(got), err)
		}
	}
}

// TestZlibCompressRatio holds the encoder to compress/flate's fastest
// level on repetitive and random data.
func TestZlibCompressRatio(t *testing.T) {
	for _, name := range []string{"text", "mixed", "zeros", "random"} {
		data := deflateCases()[name]
		var ref bytes.Buffer
		w, _ := zlib.NewWriterLevel(&ref, zlib.BestSpeed)
		w.Write(data)
		w.Close()
		got := len(AppendZlib(nil, data))
		if limit := ref.Len() + ref.Len()/50 + 16; got > limit {
			t.Errorf("%s: %d bytes compress to %d, compress/flate's BestSpeed makes %d", name, len(data), got, ref.Len())
		}
	}
}

func TestBuildCodeLimited(t *testing.T) {
	freq := make([]uint32, numLitLen)
	a, b := uint32(1), uint32(1)
	for i := 0; i < 30; i++ {
		freq[i] = a
		a, b = b, a+b
	}
	for _, limit := range []int{maxCLenBits, maxLitBits} {
		c := buildCode(freq, limit)
		kraft := 0.0
		for s, l := range c.lens {
			if int(l) > limit {
				t.Errorf("limit %d: symbol %d has a %d-bit code", limit, s, l)
			}
			if l > 0 {
				kraft += 1 / float64(uint(1)<<l)
			}
		}
		if kraft != 1 {
			t.Errorf("limit %d: Kraft sum %v, want 1 (a complete code)", limit, kraft)
		}
	}
}

func FuzzZlibCompress(f *testing.F) {
	for _, d := range deflateCases() {
		if len(d) < 4096 {
			f.Add(d)
		}
	}
	f.Add([]byte("abcabcabcabcabcabcxyzxyzxyz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zlib.NewReader(bytes.NewReader(AppendZlib(nil, data)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// BenchmarkZlib compresses a small object's worth of DWARF-like text with
// this encoder and with compress/zlib at its fastest level, side by side:
// go test -bench Zlib ./internal/deflate/
func BenchmarkZlib(b *testing.B) {
	// Line-table-like bytes: short runs of opcodes and small operands with
	// repeats at varying distances, about the size of hello's DWARF.
	r := rand.New(rand.NewSource(2))
	var data []byte
	for len(data) < 24000 {
		if r.Intn(4) == 0 && len(data) > 300 {
			off := len(data) - 1 - r.Intn(300)
			data = append(data, data[off:off+4+r.Intn(20)]...)
			continue
		}
		data = append(data, byte(r.Intn(16)), byte(r.Intn(4)), 0x01, byte(r.Intn(200)))
	}
	b.Run("p9", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n = len(AppendZlib(nil, data))
		}
		b.ReportMetric(float64(n), "bytes-out")
	})
	b.Run("compress-zlib", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			var buf bytes.Buffer
			w, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			w.Write(data)
			w.Close()
			n = buf.Len()
		}
		b.ReportMetric(float64(n), "bytes-out")
	})
}
