package plot

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TreeNode is one node of a lineage tree.
type TreeNode struct {
	ID     int     // unique, e.g. the experiment index
	Parent int     // ID of the parent; a parent not among the nodes makes this a root
	Score  float64 // colours the node
	Mark   bool    // drawn larger with a ring, and its ancestry drawn darker (e.g. a SOTA architecture)
	Label  string  // written beside the node when not empty (e.g. "#7 delta_gate" in a small tree)
}

// TreeConfig describes a lineage-tree figure.
type TreeConfig struct {
	Title      string
	Nodes      []TreeNode
	ScoreLabel string  // colour-bar title, e.g. "fitness"
	MarkLabel  string  // legend entry of marked nodes, e.g. "SOTA (106)"
	Min, Max   float64 // colour range; Min ≥ Max means the 10th and 99th score percentiles
	// LeavesAtDepth puts leaves on the ring of their depth; by default they
	// sit on an outer rim (a circular dendrogram), which keeps hundreds of
	// siblings of one parent legible.
	LeavesAtDepth bool
	Size          Size // use a square size, e.g. NotebookSquare
}

// treeLayout is the radial position of every node.
type treeLayout struct {
	x, y, depth []float64 // by node position in cfg.Nodes
	parent      []int     // position of the parent, -1 for roots
	onPath      []bool    // node is marked or an ancestor of a marked node
	leaf        []bool    // node has no children
	maxDepth    int       // deepest node
	rim         float64   // radius of the outermost drawn ring
}

// layoutTree places leaves at even angles in depth-first order (children by
// ascending ID), each inner node at the middle angle of its subtree, and
// every inner node at radius = depth. Leaves go on the rim, one ring beyond
// the deepest inner node (or on their own depth with leavesAtDepth). Roots
// share the centre.
func layoutTree(nodes []TreeNode, leavesAtDepth bool) (treeLayout, error) {
	pos := make(map[int]int, len(nodes))
	for i, n := range nodes {
		if _, dup := pos[n.ID]; dup {
			return treeLayout{}, fmt.Errorf("plot: tree: node ID %d appears twice", n.ID)
		}
		pos[n.ID] = i
	}
	L := treeLayout{
		x: make([]float64, len(nodes)), y: make([]float64, len(nodes)), depth: make([]float64, len(nodes)),
		parent: make([]int, len(nodes)), onPath: make([]bool, len(nodes)), leaf: make([]bool, len(nodes)),
	}
	children := make([][]int, len(nodes))
	var roots []int
	for i, n := range nodes {
		p, ok := pos[n.Parent]
		if !ok || p == i {
			L.parent[i] = -1
			roots = append(roots, i)
			continue
		}
		L.parent[i] = p
		children[p] = append(children[p], i)
	}
	byID := func(s []int) { sort.Slice(s, func(a, b int) bool { return nodes[s[a]].ID < nodes[s[b]].ID }) }
	byID(roots)
	for _, c := range children {
		byID(c)
	}
	// Iterative depth-first walk: count leaves, assign depths, detect cycles.
	angle := make([]float64, len(nodes))
	visited := make([]bool, len(nodes))
	var order []int // post-order
	leaf := 0
	type frame struct{ n, next int }
	for _, r := range roots {
		stack := []frame{{r, 0}}
		visited[r] = true
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < len(children[top.n]) {
				c := children[top.n][top.next]
				top.next++
				if visited[c] {
					return treeLayout{}, fmt.Errorf("plot: tree: cycle through node ID %d", nodes[c].ID)
				}
				visited[c] = true
				L.depth[c] = L.depth[top.n] + 1
				stack = append(stack, frame{c, 0})
				continue
			}
			if len(children[top.n]) == 0 {
				angle[top.n] = float64(leaf)
				leaf++
			} else {
				cs := children[top.n]
				angle[top.n] = (angle[cs[0]] + angle[cs[len(cs)-1]]) / 2
			}
			order = append(order, top.n)
			stack = stack[:len(stack)-1]
		}
	}
	for i := range visited {
		if !visited[i] {
			return treeLayout{}, fmt.Errorf("plot: tree: node ID %d is on a cycle", nodes[i].ID)
		}
	}
	const span = 2 * math.Pi * 355 / 360 // leave a small gap where the walk starts and ends
	nl := math.Max(float64(leaf), 1)
	inner := 0
	for i := range nodes {
		L.leaf[i] = len(children[i]) == 0
		L.maxDepth = max(L.maxDepth, int(L.depth[i]))
		if !L.leaf[i] {
			inner = max(inner, int(L.depth[i]))
		}
	}
	L.rim = float64(inner + 1)
	if leavesAtDepth {
		L.rim = float64(L.maxDepth)
	}
	for i := range nodes {
		th := math.Pi/2 - span*angle[i]/nl // start at 12 o'clock, go clockwise
		r := L.depth[i]
		if L.leaf[i] && !leavesAtDepth && len(nodes) > 1 {
			r = L.rim
		}
		L.x[i] = r * math.Cos(th)
		L.y[i] = r * math.Sin(th)
	}
	for _, i := range order { // children come before parents in post-order
		if nodes[i].Mark {
			L.onPath[i] = true
		}
		if L.onPath[i] && L.parent[i] >= 0 {
			L.onPath[L.parent[i]] = true
		}
	}
	return L, nil
}

// Tree draws a lineage tree radially: the root in the centre, each ring one
// generation, leaves evenly spread round the circle in depth-first order, so
// every subtree is a wedge. Nodes are coloured by score (viridis, colour bar
// on the right); marked nodes are larger and ringed, and the edges leading
// to them darker, so the lineage of the marked nodes stands out among
// thousands.
func Tree(cfg TreeConfig) (*Plot, error) {
	if len(cfg.Nodes) == 0 {
		return nil, fmt.Errorf("plot: tree: no nodes")
	}
	L, err := layoutTree(cfg.Nodes, cfg.LeavesAtDepth)
	if err != nil {
		return nil, err
	}
	size := cfg.Size.orDefault(NotebookSquare)
	lo, hi := cfg.Min, cfg.Max
	if lo >= hi {
		s := make([]float64, 0, len(cfg.Nodes))
		for _, n := range cfg.Nodes {
			if !math.IsNaN(n.Score) {
				s = append(s, n.Score)
			}
		}
		sort.Float64s(s)
		lo, hi = Quantile(s, 0.10), Quantile(s, 0.99)
		if !(lo < hi) {
			lo, hi = lo-1, hi+1
		}
	}
	p := newPlot(cfg.Title, "", "", size)
	p.HideAxes()
	R := math.Max(L.rim, 1)
	t := &treePlot{cfg: cfg, L: L, lo: lo, hi: hi, size: size, R: R}
	p.Add(t)
	// Square data area with room on the right for the colour bar.
	p.X.Min, p.X.Max = -R-0.4, R+0.4+0.22*R
	w := p.X.Max - p.X.Min
	p.Y.Min, p.Y.Max = -w/2, w/2
	if cfg.MarkLabel != "" {
		sc, _ := plotter.NewScatter(plotter.XYs{{}})
		sc.GlyphStyle = t.markGlyph()
		p.Legend.Add(cfg.MarkLabel, sc)
		ln, _ := plotter.NewLine(plotter.XYs{{}, {X: 1}})
		ln.LineStyle = t.pathStyle()
		p.Legend.Add("their ancestry", ln)
	}
	return p, nil
}

type treePlot struct {
	cfg    TreeConfig
	L      treeLayout
	lo, hi float64
	size   Size
	R      float64
}

func (t *treePlot) markGlyph() draw.GlyphStyle {
	return draw.GlyphStyle{Color: color.Black, Radius: t.size.Font * 0.32, Shape: draw.RingGlyph{}}
}

func (t *treePlot) pathStyle() draw.LineStyle {
	return draw.LineStyle{Color: color.NRGBA{R: 40, G: 40, B: 40, A: 230}, Width: t.size.Font * 0.07}
}

// Plot draws rings, edges, nodes (low scores first so high ones stay on
// top), marks, and the colour bar.
func (t *treePlot) Plot(c draw.Canvas, p *Plot) {
	trX, trY := p.Transforms(&c)
	pt := func(i int) vg.Point { return vg.Point{X: trX(t.L.x[i]), Y: trY(t.L.y[i])} }
	f := t.size.Font

	// Faint generation rings with their depth written at the top.
	ring := draw.LineStyle{Color: color.Gray{Y: 232}, Width: f * 0.05}
	lab := p.X.Tick.Label
	lab.Font.Size = f * 0.6
	lab.Color = color.Gray{Y: 150}
	lab.XAlign = draw.XCenter
	lab.YAlign = draw.YBottom
	for d := 1; float64(d) < t.L.rim; d++ {
		var path []vg.Point
		for k := 0; k <= 180; k++ {
			th := 2 * math.Pi * float64(k) / 180
			path = append(path, vg.Point{X: trX(float64(d) * math.Cos(th)), Y: trY(float64(d) * math.Sin(th))})
		}
		c.StrokeLines(ring, path)
		c.FillText(lab, vg.Point{X: trX(0.02 * t.R), Y: trY(float64(d))}, fmt.Sprint(d))
	}
	if !t.cfg.LeavesAtDepth {
		lab.XAlign = draw.XLeft
		c.FillText(lab, vg.Point{X: trX(0.03 * t.R), Y: trY(t.L.rim) + f*0.5}, "leaves")
	}

	edge := draw.LineStyle{Color: color.Gray{Y: 185}, Width: f * 0.035}
	path := t.pathStyle()
	for pass := 0; pass < 2; pass++ {
		for i, par := range t.L.parent {
			if par < 0 || t.L.onPath[i] != (pass == 1) {
				continue
			}
			sty := edge
			if pass == 1 {
				sty = path
			}
			c.StrokeLine2(sty, pt(par).X, pt(par).Y, pt(i).X, pt(i).Y)
		}
	}

	idx := make([]int, len(t.cfg.Nodes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return t.cfg.Nodes[idx[a]].Score < t.cfg.Nodes[idx[b]].Score })
	for _, i := range idx {
		n := t.cfg.Nodes[i]
		g := draw.GlyphStyle{Color: t.colour(n.Score), Radius: f * 0.16, Shape: draw.CircleGlyph{}}
		if n.Mark {
			g.Radius = f * 0.3
		}
		c.DrawGlyph(g, pt(i))
	}
	mg := t.markGlyph()
	for i, n := range t.cfg.Nodes {
		if n.Mark {
			c.DrawGlyph(mg, pt(i))
		}
	}
	name := p.X.Tick.Label
	name.Font.Size = f * 0.7
	name.Color = color.Gray{Y: 50}
	name.YAlign = draw.YCenter
	for i, n := range t.cfg.Nodes {
		if n.Label == "" {
			continue
		}
		// Right of the node on the right half, left of it on the left half.
		dx := f * 0.45
		name.XAlign = draw.XLeft
		if t.L.x[i] < -1e-9 {
			name.XAlign, dx = draw.XRight, -f*0.45
		}
		q := pt(i)
		c.FillText(name, vg.Point{X: q.X + dx, Y: q.Y}, n.Label)
	}
	t.colourBar(c, trX, trY)
}

// colourBar draws a vertical bar right of the tree with five tick labels.
func (t *treePlot) colourBar(c draw.Canvas, trX, trY func(float64) vg.Length) {
	f := t.size.Font
	x0 := trX(t.R + 0.5)
	x1 := x0 + f*1.2
	y0, y1 := trY(-0.45*t.R), trY(0.45*t.R)
	const steps = 100
	for k := 0; k < steps; k++ {
		a := y0 + (y1-y0)*vg.Length(k)/steps
		b := y0 + (y1-y0)*vg.Length(k+1)/steps
		v := t.lo + (t.hi-t.lo)*(float64(k)+0.5)/steps
		c.FillPolygon(t.colour(v), []vg.Point{{X: x0, Y: a}, {X: x1, Y: a}, {X: x1, Y: b + 0.3}, {X: x0, Y: b + 0.3}})
	}
	c.StrokeLines(draw.LineStyle{Color: color.Gray{Y: 80}, Width: f * 0.04},
		[]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
	sty := draw.TextStyle{}
	sty.Font = lookFont(f * 0.75)
	sty.Color = color.Black
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YCenter
	sty.Handler = lookHandler()
	for k := 0; k <= 4; k++ {
		v := t.lo + (t.hi-t.lo)*float64(k)/4
		y := y0 + (y1-y0)*vg.Length(k)/4
		c.FillText(sty, vg.Point{X: x1 + f*0.3, Y: y}, fmt.Sprintf("%.2f", v))
	}
	title := t.cfg.ScoreLabel
	if title == "" {
		title = "score"
	}
	sty.XAlign = draw.XCenter
	sty.YAlign = draw.YBottom
	c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: y1 + f*0.5}, title)
	sty.YAlign = draw.YTop
	sty.Font = lookFont(f * 0.6)
	sty.Color = color.Gray{Y: 90}
	c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: y0 - f*0.4}, "(clipped to range)")
}

func (t *treePlot) colour(v float64) color.Color {
	if math.IsNaN(v) {
		return mutedGray
	}
	u := (v - t.lo) / (t.hi - t.lo)
	return viridis(math.Min(1, math.Max(0, u)))
}

// viridisAnchors are nine evenly spaced samples of matplotlib's viridis.
var viridisAnchors = [][3]float64{
	{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
	{39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37},
}

// viridis maps u in [0,1] to a colour by linear interpolation of the anchors.
func viridis(u float64) color.Color {
	pos := u * float64(len(viridisAnchors)-1)
	i := int(math.Floor(pos))
	if i >= len(viridisAnchors)-1 {
		i = len(viridisAnchors) - 2
	}
	f := pos - float64(i)
	a, b := viridisAnchors[i], viridisAnchors[i+1]
	return color.NRGBA{
		R: uint8(a[0] + (b[0]-a[0])*f + 0.5), G: uint8(a[1] + (b[1]-a[1])*f + 0.5), B: uint8(a[2] + (b[2]-a[2])*f + 0.5), A: 255,
	}
}

// DataRange implements plot.DataRanger so the axes fit the tree.
func (t *treePlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -t.R, t.R, -t.R, t.R
}
