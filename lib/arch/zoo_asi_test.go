package arch

import (
	"regexp"
	"strings"
	"testing"
)

// asiZoo lists the zoo's ports of ASI-ARCH's five best published layers by
// their 340M benchmark average (the "average" column of result.test in the
// released 106.json), with the source names their comments must cite.
var asiZoo = map[string]string{
	"asi_mor":          "delta_net_mor",                  // 0.4030
	"asi_cagf_hybrid":  "delta_net_cagf_rc_pf_hybrid",    // 0.4019
	"asi_psfr":         "delta_net_psfr",                 // 0.4010
	"asi_htfr":         "delta_net_htfr",                 // 0.4006
	"asi_entropy_cagf": "delta_net_entropy_cagf_rc_norm", // 0.4006
}

// TestZooASI: each ASI-ARCH port is in the zoo, parses, and opens with its
// provenance (the ASI-ARCH name and its 340M average) and a paragraph on
// how it differs from the PyTorch source. TestZooPasses runs the checks
// on them with every other zoo layer.
func TestZooASI(t *testing.T) {
	avg := regexp.MustCompile(`340M benchmark average[^0-9]*0\.\d{4}`)
	for name, source := range asiZoo {
		src, err := ZooSource(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Zoo(name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		head, _, _ := strings.Cut(src, "\npackage ")
		if !strings.Contains(head, "ASI-ARCH's "+source+" ") || !avg.MatchString(strings.Join(strings.Fields(head), " ")) {
			t.Errorf("%s: leading comment does not cite ASI-ARCH's %s and its 340M benchmark average", name, source)
		}
		if !strings.Contains(head, "Differences from the PyTorch source") {
			t.Errorf("%s: leading comment does not say how it differs from the PyTorch source", name)
		}
	}
}
