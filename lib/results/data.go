package results

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png" // published figures are PNGs
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"
)

// DataEnv names the environment variable that overrides where
// FindASIArchData looks.
const DataEnv = "ARCHLAB_ASI_ARCH_DATA"

// FindASIArchData returns the folder of ASI-ARCH's released data: $ARCHLAB_ASI_ARCH_DATA
// when set, otherwise the first shared/data/asi-arch found in the working
// directory or above it (the project keeps it beside the checkout, at
// ../shared/data/asi-arch from the repository root).
func FindASIArchData() (string, error) {
	if d := os.Getenv(DataEnv); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("results: find data: %w", err)
	}
	for {
		d := filepath.Join(dir, "shared", "data", "asi-arch")
		if st, err := os.Stat(filepath.Join(d, TreeFile)); err == nil && !st.IsDir() {
			return d, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("results: find data: no shared/data/asi-arch in the working directory or above it; set " + DataEnv)
		}
		dir = up
	}
}

// PublishedWidth is the width PublishedFigure scales the paper's renderings
// down to (they are up to 3,413 pixels wide), matching plot.Notebook's
// PNGs closely enough to compare side by side.
const PublishedWidth = 1200

// PublishedFigure decodes one of the paper's own renderings from the
// release's figures/ folder (e.g. "scaling.png") under dataDir, a folder or
// base URL (Run.Source), scaled down to PublishedWidth pixels wide, for
// showing beside a reproduction.
func PublishedFigure(dataDir, name string) (image.Image, error) {
	var data []byte
	var err error
	if isURL(dataDir) {
		data, err = fetch(context.Background(), strings.TrimRight(dataDir, "/")+"/figures/"+name)
	} else {
		data, err = os.ReadFile(filepath.Join(dataDir, "figures", name))
	}
	if err != nil {
		return nil, fmt.Errorf("results: published figure: %w", err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("results: published figure %s: %w", name, err)
	}
	b := img.Bounds()
	if b.Dx() <= PublishedWidth {
		return img, nil
	}
	h := b.Dy() * PublishedWidth / b.Dx()
	dst := image.NewRGBA(image.Rect(0, 0, PublishedWidth, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst, nil
}
