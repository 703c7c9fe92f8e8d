//go:build cgo

package cuda

import "testing"

func TestExtent(t *testing.T) {
	tests := []struct {
		name                          string
		rows, cols, ld, batch, stride int
		want                          int
	}{
		{"empty rows", 0, 5, 5, 1, 0, 0},
		{"empty cols", 3, 0, 5, 1, 0, 0},
		{"dense", 3, 5, 5, 1, 0, 15},
		{"padded rows: the last row stops at cols", 3, 5, 8, 1, 0, 21},
		{"batched", 3, 5, 5, 4, 15, 60},
		{"batched with gaps", 3, 5, 5, 4, 20, 75},
		{"shared item", 3, 5, 5, 4, 0, 15},
	}
	for _, tc := range tests {
		if got := extent(tc.rows, tc.cols, tc.ld, tc.batch, tc.stride); got != tc.want {
			t.Errorf("%s: extent(%d, %d, %d, %d, %d) = %d, want %d", tc.name, tc.rows, tc.cols, tc.ld, tc.batch, tc.stride, got, tc.want)
		}
	}
}
