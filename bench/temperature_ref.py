#!/usr/bin/env python3
"""Independent PyTorch reference for `kerasj train temperature-lstm --dataset seattle`.

Reproduces the Keras recipe (Deep Learning with Python 2nd ed. §10.2 on vega-datasets' daily weather.csv):
inputs normalised with the training split's mean/population std, 50/25/25 chronological split, 14-day
windows (data[:-14], targets[14:]), next-day temp_max in raw °C as target, LSTM(16) -> Dense(1) with Keras
initialisers (glorot_uniform kernels, orthogonal recurrent kernel, zero bias with unit_forget_bias),
RMSprop (lr 1e-3, rho 0.9, eps 1e-7; torch puts eps outside the sqrt, Keras inside: a negligible
difference), mse loss, batch 32 reshuffled every epoch. By default the targets are raw °C;
--scale-targets trains on temp_max standardised with the training split's mean/std (as kerasj's daily
recipe does) and reports MAE back in °C. Results are in docs/recipes.md.

Usage: bench/temperature_ref.py [--location Seattle|"New York"] [--epochs 40] [--features all|temp_max]
       [--scale-targets] [--seed 0] [--no-shuffle] [--dump-init FILE]
Needs python3-torch (bench/install-torch) and numpy.
"""
import argparse
import csv
import os
import time

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("--location", default="Seattle")
p.add_argument("--epochs", type=int, default=40)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--features", default="all", choices=["all", "temp_max"])
p.add_argument("--seed", type=int, default=0)
p.add_argument("--no-shuffle", action="store_true", help="batches in window order (for step-by-step comparisons)")
p.add_argument("--dump-init", metavar="FILE", help="write the initial weights in Keras layout, one per line: "
               "name, shape, values (for Model.setWeights in a comparison)")
p.add_argument("--scale-targets", action="store_true",
               help="train on (temp_max - mean)/std of the training split; report MAE in °C")
p.add_argument("--csv", default=os.path.join(os.environ.get("KERASJ_DATASET_MIRROR", "/work/shared/datasets"),
                                             "weather", "weather.csv"))
args = p.parse_args()
torch.manual_seed(args.seed)
np.random.seed(args.seed)
torch.set_num_threads(1)

COLUMNS = ["precipitation", "temp_max", "temp_min", "wind"] if args.features == "all" else ["temp_max"]
rows = [r for r in csv.DictReader(open(args.csv)) if r["location"] == args.location]
raw = np.array([[float(r[c]) for c in COLUMNS] for r in rows], dtype=np.float64)
temperature = np.array([float(r["temp_max"]) for r in rows], dtype=np.float64)
n = len(raw)
num_train, num_val = int(0.5 * n), int(0.25 * n)
mean = raw[:num_train].mean(axis=0)
std = raw[:num_train].std(axis=0)
x = (raw - mean) / std
L, delay = 14, 14
t_mean, t_std = (temperature[:num_train].mean(), temperature[:num_train].std()) if args.scale_targets else (0.0, 1.0)
data, targets = x[:-delay], (temperature[delay:] - t_mean) / t_std


def windows(start, end):
    count = min(end - start - (L - 1), len(targets) - start)
    idx = np.arange(start, start + count)
    xs = np.stack([data[i:i + L] for i in idx])
    return torch.tensor(xs, dtype=torch.float32), torch.tensor(targets[idx], dtype=torch.float32).unsqueeze(1)


xtr, ytr = windows(0, num_train)
xva, yva = windows(num_train, num_train + num_val)
xte, yte = windows(num_train + num_val, len(data))
t_col = COLUMNS.index("temp_max")
baseline = (xte[:, -1, t_col] * std[t_col] + mean[t_col] - (yte[:, 0] * t_std + t_mean)).abs().mean().item()


def glorot_uniform(shape):  # Keras: fan_in = shape[0], fan_out = shape[1] of the (in, out) kernel
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return torch.empty(shape).uniform_(-limit, limit)


def orthogonal(shape):  # Keras Orthogonal on (units, 4·units): QR of a normal matrix, sign-corrected
    a = torch.randn(shape[1], shape[0]) if shape[0] < shape[1] else torch.randn(shape)
    q, r = torch.linalg.qr(a)
    q = q * torch.sign(torch.diagonal(r))
    return q.T if shape[0] < shape[1] else q


class Net(torch.nn.Module):
    def __init__(self, features, units=16):
        super().__init__()
        self.units = units
        # Keras layout: kernel (features, 4u), recurrent (u, 4u), bias (4u); gates i, f, c, o.
        self.kernel = torch.nn.Parameter(glorot_uniform((features, 4 * units)))
        self.recurrent = torch.nn.Parameter(orthogonal((units, 4 * units)))
        bias = torch.zeros(4 * units)
        bias[units:2 * units] = 1.0
        self.bias = torch.nn.Parameter(bias)
        self.dense = torch.nn.Parameter(glorot_uniform((units, 1)))
        self.dense_bias = torch.nn.Parameter(torch.zeros(1))

    def forward(self, xs):
        b = xs.shape[0]
        h = torch.zeros(b, self.units)
        c = torch.zeros(b, self.units)
        u = self.units
        for t in range(xs.shape[1]):
            z = xs[:, t] @ self.kernel + h @ self.recurrent + self.bias
            i, f = torch.sigmoid(z[:, :u]), torch.sigmoid(z[:, u:2 * u])
            g, o = torch.tanh(z[:, 2 * u:3 * u]), torch.sigmoid(z[:, 3 * u:])
            c = f * c + i * g
            h = o * torch.tanh(c)
        return h @ self.dense + self.dense_bias


net = Net(len(COLUMNS))
if args.dump_init:
    with open(args.dump_init, "w") as f:
        for name in ["kernel", "recurrent", "bias", "dense", "dense_bias"]:
            w = getattr(net, name).detach().numpy()
            f.write(name + " " + ",".join(map(str, w.shape)) + " " + " ".join(repr(float(v)) for v in w.ravel()) + "\n")
opt = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
start = time.time()
for epoch in range(args.epochs):
    order = np.arange(len(xtr)) if args.no_shuffle else np.random.permutation(len(xtr))
    total = 0.0
    for s in range(0, len(order), args.batch):
        bi = order[s:s + args.batch]
        opt.zero_grad()
        loss = torch.mean((net(xtr[bi]) - ytr[bi]) ** 2)
        loss.backward()
        opt.step()
        total += loss.item() * len(bi)
        if epoch == 0 and s == 0:
            print(f"step 1: batch loss {loss.item():.6f}", flush=True)
    with torch.no_grad():
        val_mae = (net(xva) - yva).abs().mean().item() * t_std
    print(f"epoch {epoch + 1}: loss {total / len(xtr):.4f} val_mae {val_mae:.4f}", flush=True)
with torch.no_grad():
    test_mae = (net(xte) - yte).abs().mean().item() * t_std
print(f"location={args.location} features={args.features} epochs={args.epochs} seed={args.seed} "
      f"scale_targets={args.scale_targets} baseline_mae={baseline:.4f} test_mae={test_mae:.4f} wall_s={time.time() - start:.1f}")
