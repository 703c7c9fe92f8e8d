package runner_test

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/kernel/runner"
)

func ExampleRun() {
	nb := &runner.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{}, Cells: []runner.Cell{
		runner.NewCodeCell("n := 2", "parameters"),
		runner.NewCodeCell("n * 21"),
	}}
	err := runner.Run(context.Background(), nb, runner.Options{Params: []string{"n=3"}})
	out := nb.Cells[2]["outputs"].([]any)[0].(map[string]any)
	fmt.Println(out["output_type"], out["data"].(map[string]any)["text/plain"], err)
	// Output: execute_result [63] <nil>
}
