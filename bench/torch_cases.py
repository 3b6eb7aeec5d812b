"""PyTorch twins of the benchmark cases that ../shared/bench/torch_ref.py does not have (run by torch_wrap.py).
Usage: torch_cases.py DATA_DIR CASE COUNT [ARGS]
  mlp32 N      the MNIST MLP 784-512(relu)-10 of torch_ref.py's `mlp`, Adam 1e-3, at Keras's default batch 32; N epochs
  convnet N    keras.io's "simple MNIST convnet": Conv2D(32,3x3,relu)-MaxPool2-Conv2D(64,3x3,relu)-MaxPool2-Flatten-
               Dropout(0.5)-Dense(10,softmax), 34,826 parameters; Adam 1e-3, batch 128 (as the example); N epochs
  predict N    the MLP's forward pass over the 10k MNIST test images in batches of 32 (Keras's predict default), N timed
               passes after one warm-up
  latency N    the MLP's forward pass on one image per call, N timed calls after 200 warm-up calls; prints their median
  sweep SPEC   per-step time of MLP 784-h(relu)-10 training (Adam, batch b) for each "h:b:steps" of the comma list SPEC
  gemm         single-thread sgemm rate (GFLOP/s) of a 1024x1024x1024 product, best of 10
Each training case prints `epoch E: fit_s S` per epoch, as torch_ref.py does, timing the same loop (randperm, index,
zero_grad, forward, loss, backward, step)."""
import sys, time, gzip
import numpy as np, torch

d, case, count = sys.argv[1], sys.argv[2], sys.argv[3]
torch.manual_seed(1); np.random.seed(1)


def idx(f, off):
    with gzip.open(f, 'rb') as fh:
        return np.frombuffer(fh.read(), dtype=np.uint8)[off:]


def images(name):
    return torch.tensor(idx(d + '/mnist/' + name, 16).reshape(-1, 784).astype(np.float32) / 255.)


def labels(name):
    return torch.tensor(idx(d + '/mnist/' + name, 8).astype(np.int64))


def mlp(hidden=512):
    return torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10))


def epoch(m, opt, x, y, bs, steps=None):
    lf = torch.nn.CrossEntropyLoss()
    perm = torch.randperm(len(x))
    m.train()
    n = len(x) if steps is None else steps * bs
    t = time.time()
    for i in range(0, n, bs):
        j = perm[i:i + bs]
        opt.zero_grad(); l = lf(m(x[j]), y[j]); l.backward(); opt.step()
    return time.time() - t


def train(m, x, y, bs, epochs):
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    for e in range(int(epochs)):
        print(f"{case} epoch {e}: fit_s {epoch(m, opt, x, y, bs):.3f}", flush=True)


if case == 'mlp32':
    train(mlp(), images('train-images-idx3-ubyte.gz'), labels('train-labels-idx1-ubyte.gz'), 32, count)
elif case == 'convnet':
    m = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                            torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                            torch.nn.Dropout(0.5), torch.nn.Linear(1600, 10))
    print("params", sum(p.numel() for p in m.parameters()), flush=True)
    train(m, images('train-images-idx3-ubyte.gz').reshape(-1, 1, 28, 28), labels('train-labels-idx1-ubyte.gz'), 128, count)
elif case in ('predict', 'latency'):
    x = images('t10k-images-idx3-ubyte.gz')
    m = torch.nn.Sequential(mlp(), torch.nn.Softmax(1))
    m.eval()
    if case == 'predict':
        def run():
            out = torch.empty(len(x), 10)
            with torch.no_grad():
                for i in range(0, len(x), 32):
                    out[i:i + 32] = m(x[i:i + 32])
            return out
        run()
        for i in range(int(count)):
            t = time.time(); run(); print(f"BENCH seconds {i} {time.time() - t:.5f}", flush=True)
    else:
        s = []
        with torch.no_grad():
            for i in range(200 + int(count)):
                xi = x[i % len(x)].reshape(1, 784)
                t = time.perf_counter(); m(xi); s.append(time.perf_counter() - t)
        print(f"BENCH seconds 0 {float(np.median(s[200:])):.7f}", flush=True)
elif case == 'sweep':
    x = images('train-images-idx3-ubyte.gz'); y = labels('train-labels-idx1-ubyte.gz')
    m = mlp(128); epoch(m, torch.optim.Adam(m.parameters(), 1e-3), x, y, 32, 400)   # warm-up, as the JVM's
    for point in count.split(','):
        h, b, steps = (int(v) for v in point.split(':'))
        m = mlp(h); opt = torch.optim.Adam(m.parameters(), 1e-3)
        epoch(m, opt, x, y, b, steps)   # warm-up pass
        print(f"BENCH sweep {h} {b} {epoch(m, opt, x, y, b, steps) / steps:.7f}", flush=True)
elif case == 'gemm':
    a = torch.rand(1024, 1024); b = torch.rand(1024, 1024); c = torch.empty(1024, 1024)
    best = float('inf')
    for _ in range(10):
        t = time.perf_counter(); torch.mm(a, b, out=c); best = min(best, time.perf_counter() - t)
    print(f"BENCH gemm_gflops {2 * 1024 ** 3 / best / 1e9:.2f} threads {torch.get_num_threads()}", flush=True)
else:
    raise SystemExit(f"unknown case {case}")
