"""Plots the harness's scaling sweep: sweep_plot.py SWEEP_CSV OUT_PNG (bench/target/sweep.csv -> bench/sweep.png).
Two panels, log-log: ms per MLP training step against the hidden width (batch 128) and against the batch size
(width 512), one line per implementation, and the physical limit (GEMM FLOPs / the best measured 1024³ sgemm rate)."""
import csv, sys
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

rows = list(csv.DictReader(open(sys.argv[1])))
names = {'kerasj': 'kerasj', 'torch-default': 'PyTorch, default threads', 'torch-1': 'PyTorch, OMP_NUM_THREADS=1',
         'torch-cpu': 'PyTorch, default threads, OPENBLAS_CORETYPE'}
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
for ax, (fixed, fv, var, label) in zip(axes, [('batch', 128, 'hidden', 'hidden width (batch 128)'),
                                              ('hidden', 512, 'batch', 'batch size (hidden 512)')]):
    sel = [r for r in rows if int(r[fixed]) == fv]
    for impl in sorted({r['impl'] for r in sel}):
        pts = sorted((int(r[var]), float(r['seconds_per_step']) * 1e3) for r in sel if r['impl'] == impl)
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker='o', label=names.get(impl, impl))
    lim = sorted({(int(r[var]), float(r['limit_seconds']) * 1e3) for r in sel})
    ax.plot([p[0] for p in lim], [p[1] for p in lim], 'k--', label='limit: GEMM FLOPs / best measured sgemm rate')
    ax.set_xscale('log', base=2); ax.set_yscale('log')
    ax.set_xlabel(label); ax.set_ylabel('ms per training step'); ax.grid(True, which='both', alpha=0.3)
    ax.legend(fontsize=8)
fig.suptitle('MNIST MLP 784-h-10 training step (Adam): kerasj vs PyTorch, this 2-core machine')
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=100)
