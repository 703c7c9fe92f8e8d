package cognition

import "testing"

// BenchmarkSearchASIArch: one BM25 query over ASI-ARCH's 230 entries.
func BenchmarkSearchASIArch(b *testing.B) {
	base, err := Load(asiArchCognition(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		base.Search("delta rule gating with a data-dependent decay", 5)
	}
}
