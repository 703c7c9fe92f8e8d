// Package runner executes notebooks and Go scripts without Jupyter: what
// `archlab run` does.
//
//	nb, _ := runner.Read("notebooks/quickstart.ipynb")
//	err := runner.Run(ctx, nb, runner.Options{Params: []string{"experiments=8"}})
//	_ = nb.Write("out.ipynb") // nbformat 4, outputs and images included
//	// err is a *runner.CellFailure naming the first failing cell
//
// Parameters follow papermill's convention: they are assigned in a new cell
// placed after the cell tagged "parameters", typed by that cell's
// declarations.
package runner
