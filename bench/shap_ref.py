#!/usr/bin/env python3
"""What KernelSHAP costs in numpy for the model of ShapBench (bench/src/dev/kerasj/bench/ShapBench.java).

    BENCH_MAIN=dev.kerasj.bench.ShapBench bench/run --export /tmp/shapbench
    python3 bench/shap_ref.py /tmp/shapbench [--rows 100]

Reads the exported weights (MLP M -> 64 -> 64 -> 1, ReLU, ReLU, sigmoid), background and rows, and times:

1. model: the numpy forward pass (float32, as kerasj) over nsamples x background rows per explained row,
   one call per row as shap.KernelExplainer.run() makes it. No KernelSHAP implementation that evaluates
   the model on that synthetic data set can be faster than this with this model in numpy.
2. shap-like data path: the same plus building the synthetic data the way shap's KernelExplainer does
   (np.tile of the background once; per sample, the coalition's columns set from the row) and the
   per-sample mean over the background. It leaves out the coalition sampling and the solve: a lower
   bound of shap's time, not shap.
3. shap.KernelExplainer itself (nsamples as kerasj, l1_reg=False as kerasj's full fit), only where the
   shap package imports; it is not packaged by Debian and cannot be installed here.
"""
import sys
import time
from pathlib import Path

import numpy as np


def load(d, name):
    return np.loadtxt(d / f"{name}.txt", ndmin=2)


def main():
    d = Path(sys.argv[1])
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else None
    w = [load(d, f"w{i}").astype(np.float32) for i in range(3)]
    b = [load(d, f"b{i}").astype(np.float32).reshape(-1) for i in range(3)]
    bg = load(d, "background").astype(np.float32)
    x = load(d, "x").astype(np.float32)
    meta = dict(line.split() for line in (d / "meta.txt").read_text().splitlines())
    nsamples = int(meta["nsamples"])
    if rows:
        x = x[:rows]
    n, m = bg.shape[0], bg.shape[1]

    def f(a):
        h = np.maximum(a @ w[0] + b[0], 0)
        h = np.maximum(h @ w[1] + b[1], 0)
        return 1 / (1 + np.exp(-(h @ w[2] + b[2])))

    print(f"{x.shape[0]} rows x {m} features, {n} background rows, nsamples {nsamples}: "
          f"{x.shape[0] * nsamples * n:,} model rows; numpy {np.__version__}")
    rng = np.random.default_rng(0)
    synth = np.tile(bg, (nsamples, 1))
    f(synth)  # warm-up

    t, c = time.perf_counter(), time.process_time()
    for _ in range(x.shape[0]):
        f(synth)
    model_s = time.perf_counter() - t
    print(f"BENCH numpy_model_seconds {model_s:.2f}")
    print(f"BENCH numpy_model_cpu_seconds {time.process_time() - c:.2f}")
    print(f"BENCH numpy_model_rows_per_s {x.shape[0] * nsamples * n / model_s:.3g}")

    masks = rng.random((nsamples, m)) < 0.5
    t, c = time.perf_counter(), time.process_time()
    for i in range(x.shape[0]):
        for k in range(nsamples):
            cols = np.nonzero(masks[k])[0]
            synth[k * n:(k + 1) * n, cols] = x[i, cols]
        y = f(synth)
        ey = y.reshape(nsamples, n).mean(axis=1)
    path_s = time.perf_counter() - t
    print(f"BENCH numpy_shaplike_seconds {path_s:.2f}")
    print(f"BENCH numpy_shaplike_cpu_seconds {time.process_time() - c:.2f}")
    print(f"BENCH numpy_shaplike_seconds_per_row {path_s / x.shape[0]:.3f}")

    try:
        import shap
    except ImportError:
        print("shap: not installed (not packaged by Debian; PyPI not reachable here)")
        return
    explainer = shap.KernelExplainer(lambda a: f(a.astype(np.float32)).reshape(-1), bg.astype(np.float64))
    t = time.perf_counter()
    phi = explainer.shap_values(x.astype(np.float64), nsamples=nsamples, l1_reg=False, silent=True)
    shap_s = time.perf_counter() - t
    print(f"BENCH shap_seconds {shap_s:.2f}")
    ours = load(d, "phi_kerasj")[: x.shape[0]]
    print(f"max |phi_shap - phi_kerasj| = {np.abs(np.asarray(phi).reshape(ours.shape) - ours).max():.3g}")


if __name__ == "__main__":
    main()
