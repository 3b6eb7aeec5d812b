"""Runs a PyTorch twin for the harness and reports its peak memory.
Usage: torch_wrap.py TORCH_REF DATA_DIR CASE COUNT
mlp/cnn/lstm run TORCH_REF (../shared/bench/torch_ref.py) unchanged, COUNT epochs; every other case (mlp32, convnet,
predict, latency, sweep, gemm) is bench/torch_cases.py's."""
import os, sys, resource, runpy
ref, d, case, count = sys.argv[1:5]
import torch
print(f"BENCH threads: torch {torch.get_num_threads()} (OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')})",
      flush=True)
if case in ('mlp', 'cnn', 'lstm'):
    sys.argv = [ref, d, case, count]
    runpy.run_path(ref, run_name='__main__')
else:
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch_cases.py')
    sys.argv = [here, d, case, count]
    runpy.run_path(here, run_name='__main__')
print(f"BENCH peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", flush=True)
