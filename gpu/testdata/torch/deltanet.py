"""The pinned DeltaNet reference language model in plain PyTorch (issue 3).

This is archlab's peer: lib/train/models builds the same computation from the Go
op table, the exporter below writes the weights, one batch, the logits, the
loss, every gradient and the losses of 10 AdamW steps for the Go test, and
the benchmark prints the peer's training throughput.

    /usr/bin/python3 deltanet.py export [--out deltanet_tiny.safetensors]
    /usr/bin/python3 deltanet.py bench --model deltanet-1m --threads 2 [--steps 3]
    /usr/bin/python3 deltanet.py check     # chunked delta rule == recurrent

Model (byte vocabulary 256, untied head), per block, with h = RMSNorm(x):
    q, k, v = SiLU(causal_depthwise_conv4(h W_q^T)), ... (bias-free, conv bias-free)
    q, k    = L2-normalised per head:  x / sqrt(sum x^2 + L2_EPS)
    beta    = sigmoid(h W_b^T)                       (one per head)
    S_t = S_{t-1} + beta_t (v_t - S_{t-1} k_t) k_t^T,  o_t = S_t q_t / sqrt(d_head)
    x += o_proj(headRMSNorm(o))                       (o_norm weight is (d_head,), shared by heads)
    [a, g] = split(W1 RMSNorm(x)) ;  x += W2(silu(g) * a),  hidden = ceil(8d/3 / 32) * 32
then RMSNorm, LM head; loss = mean next-byte cross-entropy.
RMSNorm(x) = x / sqrt(mean x^2 + NORM_EPS) * w.  AdamW: torch defaults
(betas 0.9, 0.999, eps 1e-8, weight_decay 0.01) with lr 3e-4, on every parameter.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

NORM_EPS = 1e-6  # every RMSNorm (block, head, final)
L2_EPS = 1e-6    # q, k L2 normalisation
CONV = 4         # causal depthwise convolution width
CHUNK = 64       # chunked delta rule

PRESETS = {
    "deltanet-1m": dict(d=128, layers=4, heads=4, batch=8, seq=512),
    "deltanet-6m": dict(d=256, layers=8, heads=8, batch=8, seq=512),
    "deltanet-tiny": dict(d=32, layers=2, heads=2, batch=2, seq=77),
}


def ffn_hidden(d):
    return (8 * d + 3 * 32 - 1) // (3 * 32) * 32


def rmsnorm(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + NORM_EPS) * w


def l2norm(x):
    return x * torch.rsqrt(x.pow(2).sum(-1, keepdim=True) + L2_EPS)


def delta_recurrent(q, k, v, beta, scale):
    """q, k, v: (B,T,H,D); beta: (B,T,H). S is (D_v x D_k) per head."""
    B, T, H, D = q.shape
    S = q.new_zeros(B, H, v.shape[-1], D)
    out = []
    for t in range(T):
        kt, vt, qt, bt = k[:, t], v[:, t], q[:, t], beta[:, t, :, None]
        kv = torch.einsum("bhij,bhj->bhi", S, kt)
        u = bt * (vt - kv)
        S = S + torch.einsum("bhi,bhj->bhij", u, kt)
        out.append(torch.einsum("bhij,bhj->bhi", S, qt) * scale)
    return torch.stack(out, 1)


def delta_chunked(q, k, v, beta, scale, C=CHUNK):
    """The UT-transform chunked form (as flash-linear-attention's naive
    chunk_delta_rule), same layouts as delta_recurrent."""
    B, T, H, D = q.shape
    Dv = v.shape[-1]
    pad = (C - T % C) % C
    q, k, v = (x.transpose(1, 2) for x in (q, k, v))  # (B,H,T,D)
    beta = beta.transpose(1, 2)
    if pad:
        q, k, v = (F.pad(x, (0, 0, 0, pad)) for x in (q, k, v))
        beta = F.pad(beta, (0, pad))
    N = (T + pad) // C
    q = q.reshape(B, H, N, C, D) * scale
    k = k.reshape(B, H, N, C, D)
    v = v.reshape(B, H, N, C, Dv)
    beta = beta.reshape(B, H, N, C, 1)
    kb, vb = k * beta, v * beta
    strict = torch.triu(torch.ones(C, C, dtype=torch.bool, device=q.device), 0)
    A = (kb @ k.transpose(-1, -2)).masked_fill(strict, 0)  # beta_i k_i.k_j, i > j
    IA = A + torch.eye(C, dtype=q.dtype, device=q.device)
    # W = (I+A)^-1 diag(beta) K and U~ = (I+A)^-1 diag(beta) V in one solve.
    wu = torch.linalg.solve_triangular(IA, torch.cat([kb, vb], -1), upper=False, unitriangular=True)
    w, u = wu[..., :D], wu[..., D:]
    S = q.new_zeros(B, H, D, Dv)  # k^T v form: S^T of the recurrent state
    causal = torch.triu(torch.ones(C, C, dtype=torch.bool, device=q.device), 1)
    # Intra-chunk attention for all chunks at once; only the state update
    # is sequential. unbind (not indexing) keeps autograd from zero-filling
    # a full-size gradient per chunk.
    att = (q @ k.transpose(-1, -2)).masked_fill(causal, 0).unbind(2)
    qs, ks, us, ws = q.unbind(2), k.unbind(2), u.unbind(2), w.unbind(2)
    outs = []
    for i in range(N):
        ui = us[i] - ws[i] @ S
        outs.append(qs[i] @ S + att[i] @ ui)
        S = S + ks[i].transpose(-1, -2) @ ui
    o = torch.stack(outs, 2).reshape(B, H, N * C, Dv)[:, :, :T]
    return o.transpose(1, 2)


def causal_conv(x, w):
    """x: (B,T,C); w: (C,1,CONV) as nn.Conv1d(C, C, CONV, groups=C, bias=False).
    out[t,c] = sum_i w[c,0,i] * x[t-CONV+1+i, c] (zero before t=0)."""
    T = x.shape[1]
    y = F.conv1d(x.transpose(1, 2), w, padding=CONV - 1, groups=x.shape[-1])
    return y[..., :T].transpose(1, 2)


class DeltaNetLM(torch.nn.Module):
    def __init__(self, d, layers, heads, vocab=256, mixer="chunked", **_):
        super().__init__()
        self.d, self.heads, self.dh = d, heads, d // heads
        self.mixer = delta_chunked if mixer == "chunked" else delta_recurrent
        hid = ffn_hidden(d)
        self.emb = torch.nn.Embedding(vocab, d)
        self.layers = torch.nn.ModuleList()
        for _ in range(layers):
            L = torch.nn.Module()
            L.attn_norm = torch.nn.Parameter(torch.ones(d))
            L.q_proj = torch.nn.Linear(d, d, bias=False)
            L.k_proj = torch.nn.Linear(d, d, bias=False)
            L.v_proj = torch.nn.Linear(d, d, bias=False)
            L.b_proj = torch.nn.Linear(d, heads, bias=False)
            L.q_conv = torch.nn.Conv1d(d, d, CONV, groups=d, bias=False)
            L.k_conv = torch.nn.Conv1d(d, d, CONV, groups=d, bias=False)
            L.v_conv = torch.nn.Conv1d(d, d, CONV, groups=d, bias=False)
            L.o_norm = torch.nn.Parameter(torch.ones(self.dh))
            L.o_proj = torch.nn.Linear(d, d, bias=False)
            L.ffn_norm = torch.nn.Parameter(torch.ones(d))
            L.w1 = torch.nn.Linear(d, 2 * hid, bias=False)
            L.w2 = torch.nn.Linear(hid, d, bias=False)
            self.layers.append(L)
        self.norm = torch.nn.Parameter(torch.ones(d))
        self.head = torch.nn.Linear(d, vocab, bias=False)

    def forward(self, tokens):
        B, T = tokens.shape
        H, Dh = self.heads, self.dh
        x = self.emb(tokens)
        for L in self.layers:
            h = rmsnorm(x, L.attn_norm)
            q = F.silu(causal_conv(L.q_proj(h), L.q_conv.weight)).reshape(B, T, H, Dh)
            k = F.silu(causal_conv(L.k_proj(h), L.k_conv.weight)).reshape(B, T, H, Dh)
            v = F.silu(causal_conv(L.v_proj(h), L.v_conv.weight)).reshape(B, T, H, Dh)
            q, k = l2norm(q), l2norm(k)
            beta = torch.sigmoid(L.b_proj(h))
            o = self.mixer(q, k, v, beta, 1 / math.sqrt(Dh))
            x = x + L.o_proj(rmsnorm(o, L.o_norm).reshape(B, T, self.d))
            a, g = L.w1(rmsnorm(x, L.ffn_norm)).chunk(2, -1)
            x = x + L.w2(F.silu(g) * a)
        return self.head(rmsnorm(x, self.norm))


def loss_fn(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))


def save_safetensors(path, tensors, meta):
    """Writes the safetensors format by hand (8-byte little-endian header
    length, JSON header, raw little-endian data), so nothing beyond torch is
    needed to make the file and a few lines of Go read it."""
    header, blobs, off = {"__metadata__": meta}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        dtype = {torch.float32: "F32", torch.int32: "I32"}[t.dtype]
        b = t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def cmd_export(args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    cfg = PRESETS["deltanet-tiny"]
    model = DeltaNetLM(**cfg, mixer="chunked")
    # A data-like batch: random bytes, next-byte targets.
    data = torch.randint(0, 256, (cfg["batch"], cfg["seq"] + 1), dtype=torch.int64)
    tokens, targets = data[:, :-1], data[:, 1:]
    logits = model(tokens)
    loss = loss_fn(logits, targets)
    loss.backward()
    out = {"tokens": tokens.to(torch.int32), "targets": targets.to(torch.int32),
           "logits": logits, "loss": loss.reshape(1)}
    names = [n for n, _ in model.named_parameters()]
    for n, p in model.named_parameters():
        out["param." + n] = p.detach().clone()  # AdamW below updates in place
        out["grad." + n] = p.grad.clone()
    # 10 AdamW steps on the same batch, starting from the exported weights:
    # losses[i] is the loss after i updates.
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    losses = []
    for _ in range(args.steps):
        opt.zero_grad()
        l = loss_fn(model(tokens), targets)
        losses.append(l.item())
        l.backward()
        opt.step()
    out["adamw_losses"] = torch.tensor(losses, dtype=torch.float32)
    meta = {k: str(v) for k, v in cfg.items()}
    meta.update(vocab="256", ffn_hidden=str(ffn_hidden(cfg["d"])), norm_eps=str(NORM_EPS),
                l2_eps=str(L2_EPS), conv=str(CONV), chunk=str(CHUNK), lr="3e-4",
                adamw="torch.optim.AdamW defaults: betas (0.9, 0.999), eps 1e-8, weight_decay 0.01",
                seed=str(args.seed), torch=torch.__version__, params=",".join(names))
    save_safetensors(args.out, out, meta)
    print(json.dumps({"out": args.out, "bytes": os.path.getsize(args.out), "loss": loss.item(),
                      "adamw_losses": losses}))


def cmd_bench(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cfg = PRESETS[args.model]
    model = DeltaNetLM(**cfg, mixer=args.mixer)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    B, T = cfg["batch"], cfg["seq"]
    data = torch.randint(0, 256, (B, T + 1))
    tokens, targets = data[:, :-1], data[:, 1:]

    def step():
        opt.zero_grad(set_to_none=True)
        l = loss_fn(model(tokens), targets)
        l.backward()
        opt.step()
        return l.item()

    step()  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    best = float("inf")
    for _ in range(args.steps):
        ts = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - ts)
    dt = (time.perf_counter() - t0) / args.steps
    cpu = (time.process_time() - c0) / args.steps  # all threads
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"impl": "pytorch", "model": args.model, "tokens_per_s": B * T / dt,
                      "step_ms": dt * 1e3, "step_ms_min": best * 1e3, "params": params, "threads": args.threads,
                      "steps": args.steps, "mixer": args.mixer, "torch": torch.__version__,
                      "cpu_s_per_step": cpu, "tokens_per_cpu_s": B * T / cpu}))


def cmd_check(args):
    torch.manual_seed(0)
    B, T, H, D = 2, 77, 3, 16
    q, k = (l2norm(torch.randn(B, T, H, D, dtype=torch.float64)) for _ in range(2))
    v = torch.randn(B, T, H, D, dtype=torch.float64)
    beta = torch.rand(B, T, H, dtype=torch.float64)
    a = delta_recurrent(q, k, v, beta, 0.25)
    b = delta_chunked(q, k, v, beta, 0.25, C=16)
    err = (a - b).abs().max().item()
    print(json.dumps({"max_abs_diff": err}))
    sys.exit(0 if err < 1e-10 else 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export")
    e.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "deltanet_tiny.safetensors"))
    e.add_argument("--seed", type=int, default=1)
    e.add_argument("--steps", type=int, default=10)
    b = sub.add_parser("bench")
    b.add_argument("--model", default="deltanet-1m", choices=sorted(PRESETS))
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--steps", type=int, default=3)
    b.add_argument("--mixer", default="chunked", choices=["chunked", "recurrent"])
    sub.add_parser("check")
    args = ap.parse_args()
    {"export": cmd_export, "bench": cmd_bench, "check": cmd_check}[args.cmd](args)


if __name__ == "__main__":
    main()
