package kernel_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/kernel"
	"github.com/archlab/archlab/kernel/wire"
)

const python = "/usr/bin/python3"

// clientScript drives the kernel with jupyter_client's BlockingKernelClient
// and exits non-zero on the first surprise.
const clientScript = `
import sys, time
from jupyter_client import BlockingKernelClient
kc = BlockingKernelClient(connection_file=sys.argv[1])
kc.load_connection_file()
kc.start_channels()
kc.wait_for_ready(timeout=20)
out = []
r = kc.execute_interactive("print hi\nvalue 3", output_hook=out.append, timeout=20)
assert r["content"]["status"] == "ok", r
kinds = [m["msg_type"] for m in out if m["msg_type"] != "status"]
assert kinds == ["execute_input", "stream", "execute_result"], kinds
assert out[-2]["content"]["data"]["text/plain"] == "3", out
r = kc.execute_interactive("fail x", timeout=20)
assert r["content"]["status"] == "error" and r["content"]["traceback"] == ["Boom: x", "at line 1"], r
msg_id = kc.execute("loop")
time.sleep(0.2)
kc.control_channel.send(kc.session.msg("interrupt_request", {}))
r = kc.get_shell_msg(timeout=20)
assert r["parent_header"]["msg_id"] == msg_id and r["content"]["ename"] == "Interrupted", r
msg_id = kc.is_complete("x {")
r = kc.get_shell_msg(timeout=20)
assert r["parent_header"]["msg_id"] == msg_id and r["content"]["status"] == "incomplete", r
kc.shutdown()
print("ok")
`

// TestJupyterClient checks the kernel against Jupyter's own client library,
// when /usr/bin/python3 has it (CI installs it; see install/setup.sh).
func TestJupyterClient(t *testing.T) {
	if err := exec.Command(python, "-c", "import jupyter_client").Run(); err != nil {
		t.Skipf("%s has no jupyter_client (Debian python3-jupyter-client): %v", python, err)
	}
	info := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: "a-key", SignatureScheme: "hmac-sha256"}
	k, err := kernel.New(kernel.Config{Conn: info, Executor: &fake{}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		k.Run(context.Background())
	}()
	defer func() { k.Close(); <-done }()
	b, _ := json.Marshal(k.ConnectionInfo())
	conn := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(conn, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", clientScript, conn)
	cmd.Env = append(os.Environ(), "JUPYTER_RUNTIME_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jupyter_client: %v\n%s", err, out)
	}
	<-done // the client's shutdown_request ends Run
}
