"""Runs the PyTorch reference for the harness and reports its peak memory.
Usage: torch_wrap.py TORCH_REF DATA_DIR {mlp|cnn|lstm|predict} COUNT
mlp/cnn/lstm run TORCH_REF unchanged (COUNT epochs); predict times the MLP's forward pass over the 10k
MNIST test images in batches of 32 (Keras's predict default), COUNT times after one warm-up."""
import sys, time, gzip, resource, runpy
ref, d, case, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if case == 'predict':
    import numpy as np, torch
    torch.manual_seed(1)
    with gzip.open(d + '/mnist/t10k-images-idx3-ubyte.gz', 'rb') as fh:
        x = torch.tensor(np.frombuffer(fh.read(), dtype=np.uint8)[16:].reshape(-1, 784).astype(np.float32) / 255.)
    m = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10), torch.nn.Softmax(1))
    m.eval()
    def run():
        out = torch.empty(len(x), 10)
        with torch.no_grad():
            for i in range(0, len(x), 32):
                out[i:i + 32] = m(x[i:i + 32])
        return out
    run()
    for i in range(count):
        t = time.time(); run(); print(f"BENCH seconds {i} {time.time() - t:.4f}", flush=True)
else:
    sys.argv = [ref, d, case, str(count)]
    runpy.run_path(ref, run_name='__main__')
print(f"BENCH peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", flush=True)
