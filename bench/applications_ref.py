#!/usr/bin/python3
"""PyTorch side of ApplicationsBench: torchvision's mobilenet_v2 / resnet50 (random weights, eval mode, no_grad),
forward time of one batch of 224x224x3 at batch sizes 1 and 32: median of REPS calls after 2 warm-up calls.

Needs Debian's python3-torch, python3-torchvision and libopenblas0-pthread (bench/install-torch and
apt-get install python3-torchvision). Run: /usr/bin/python3 bench/applications_ref.py [models] [batches] [reps] [threads (default: torch's own)]
"""
import statistics
import sys
import time

import torch
import torchvision

models = (sys.argv[1] if len(sys.argv) > 1 else "mobilenet_v2,resnet50").split(",")
batches = [int(b) for b in (sys.argv[2] if len(sys.argv) > 2 else "1,32").split(",")]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
if len(sys.argv) > 4:
    torch.set_num_threads(int(sys.argv[4]))   # else torch's default (OMP_NUM_THREADS, or its count of cores)
torch.manual_seed(1)
for name in models:
    net = getattr(torchvision.models, name)().eval()
    for batch in batches:
        x = torch.rand(batch, 3, 224, 224) * 2 - 1
        with torch.no_grad():
            for _ in range(2):
                net(x)
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                net(x)
                times.append(time.perf_counter() - t0)
        print("torch %s batch %d: median %.4f s (runs %s) threads %d" % (
            name, batch, statistics.median(times), [round(t, 4) for t in times], torch.get_num_threads()))
