#!/usr/bin/env python3
"""Independent numpy forward pass for the Keras-written fixtures that carry no stored predictions.

It reads a model file's config and weights with h5py (legacy HDF5 whole-model files of Keras 1/2/tf.keras and
Keras 3 `.keras` zips), runs the layers with the formulas of Keras's documentation for the file's Keras
version, and writes, next to the model, `<model>.input.npy` (a fixed seeded input, float32) and
`<model>.expected.npy` (float32). No Keras and no kerasj code is involved.

    /usr/bin/python3 tools/keras-files/reference.py --write     # (re)writes every numpy case of manifest.json
    /usr/bin/python3 tools/keras-files/reference.py --check     # runs the same code on the files that DO carry
                                                                # Keras's own predictions and reports the error

Version-dependent semantics implemented here (each from the Keras version's documentation/source):
- hard_sigmoid: Keras 1/2 and tf.keras: clip(0.2 x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6.
- LSTM gates: Keras 1 stores W_i,U_i,b_i, W_c,U_c,b_c, W_f,U_f,b_f, W_o,U_o,b_o; Keras 2/3 store kernel,
  recurrent_kernel, bias with gate columns in the order i, f, c, o.
  i = ra(x Wi + h Ui + bi), f = ra(x Wf + h Uf + bf), c' = f c + i a(x Wc + h Uc + bc), o = ra(...), h' = o a(c').
- Bidirectional: the backward layer reads the sequence reversed; with return_sequences its output is reversed
  back before merging; merge_mode concat = [forward, backward] on the last axis.
- Masking (Keras 3): a timestep whose features all equal mask_value leaves the RNN state (and output) unchanged.
- Conv1D/Conv2D are cross-correlations (TensorFlow backend); 'same' pads (total // 2) before, the rest after;
  'causal' pads (k - 1) * dilation before.
- BatchNormalization at inference: gamma (x - moving_mean) / sqrt(moving_variance + epsilon) + beta.
- GRU (columns z, r, h): see run_gru; Keras 3 default reset_after=True with a (2, 3 units) bias.
- Merges: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate(axis) on the inbound tensors in order.
"""
import io
import json
import os
import re
import sys
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from inventory import inbound_names  # noqa: E402  (the one parser of Keras 2/3 inbound_nodes)

ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "test", "resources", "keras-files"))


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


# ----------------------------------------------------------------------------------------------------- model files

class ModelFile:
    """Config, Keras version and per-layer weight lists of one Keras-written file."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as raw:
            magic = raw.read(4)
        if magic.startswith(b"PK"):
            self._read_keras_zip()
        else:
            self._read_hdf5()
        self.major = int(str(self.keras_version).split(".")[0])

    def _read_hdf5(self):
        with h5py.File(self.path, "r") as f:
            self.keras_version = text(f.attrs["keras_version"])
            self.config = json.loads(text(f.attrs["model_config"]))
            root = f["model_weights"] if "model_weights" in f else f
            self.weights = {}
            for name in root.attrs["layer_names"]:
                name = text(name)
                group = root[name]
                self.weights[name] = [(text(w), np.array(group[text(w)], dtype=np.float64))
                                      for w in group.attrs["weight_names"]]

    def _read_keras_zip(self):
        with zipfile.ZipFile(self.path) as archive:
            self.keras_version = json.loads(archive.read("metadata.json"))["keras_version"]
            self.config = json.loads(archive.read("config.json"))
            self.weights = {}
            with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as f:
                for key in f["layers"]:
                    group = f["layers"][key]
                    arrays = []
                    for sub in ("vars", "cell/vars"):
                        if sub in group:
                            vars_group = group[sub]
                            for i in range(len(vars_group)):
                                arrays.append((f"{key}/{sub}/{i}", np.array(vars_group[str(i)], dtype=np.float64)))
                    self.weights[key] = arrays

    def layers(self):
        inner = self.config["config"]
        return inner if isinstance(inner, list) else inner["layers"]

    def keras3_weights(self):
        """Keras 3 stores weights by attribute path (snake_case class + _N), not by layer name: map in order."""
        counts, mapping = {}, {}
        for layer in self.layers():
            if layer["class_name"] == "InputLayer":
                continue
            base = snake_case(layer["class_name"])
            n = counts.get(base, 0)
            counts[base] = n + 1
            mapping[layer["config"]["name"]] = self.weights.get(base if n == 0 else f"{base}_{n}", [])
        return mapping


def snake_case(name):
    """Keras 3's naming rule (keras/src/utils/naming.py to_snake_case): Conv2D -> conv2d, MaxPooling2D ->
    max_pooling2d, SimpleRNN -> simple_rnn, PReLU -> p_re_lu, BatchNormalization -> batch_normalization."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


# ------------------------------------------------------------------------------------------------------ activations

def activation(name, major):
    if name in (None, "linear"):
        return lambda x: x
    if name == "relu":
        return lambda x: np.maximum(x, 0)
    if name == "tanh":
        return np.tanh
    if name == "sigmoid":
        return lambda x: 1 / (1 + np.exp(-x))
    if name == "hard_sigmoid":
        if major >= 3:
            return lambda x: np.clip(x + 3, 0, 6) / 6
        return lambda x: np.clip(0.2 * x + 0.5, 0, 1)
    if name == "softmax":
        def softmax(x):
            e = np.exp(x - x.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)
        return softmax
    if name == "elu":
        return lambda x: np.where(x > 0, x, np.exp(x) - 1)
    if name == "softplus":
        return lambda x: np.log1p(np.exp(x))
    raise ValueError(f"activation {name!r} not implemented in reference.py")


# ----------------------------------------------------------------------------------------------------------- layers

def pad_amounts(length, kernel, stride, dilation, padding):
    span = (kernel - 1) * dilation + 1
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span - 1, 0
    if padding == "same":
        out = -(-length // stride)
        total = max((out - 1) * stride + span - length, 0)
        return total // 2, total - total // 2
    raise ValueError(padding)


def conv1d(x, kernel, bias, stride, dilation, padding):
    """x: (batch, steps, in); kernel: (k, in, out)."""
    k = kernel.shape[0]
    before, after = pad_amounts(x.shape[1], k, stride, dilation, padding)
    x = np.pad(x, ((0, 0), (before, after), (0, 0)))
    span = (k - 1) * dilation + 1
    steps = (x.shape[1] - span) // stride + 1
    out = np.zeros((x.shape[0], steps, kernel.shape[2]))
    for t in range(steps):
        window = x[:, t * stride: t * stride + span: dilation, :]      # (batch, k, in)
        out[:, t, :] = np.einsum("bki,kio->bo", window, kernel)
    return out + (0 if bias is None else bias)


def conv2d(x, kernel, bias, strides, dilation, padding):
    """x: (batch, rows, cols, in); kernel: (kr, kc, in, out)."""
    kr, kc = kernel.shape[:2]
    (rb, ra), (cb, ca) = (pad_amounts(x.shape[1], kr, strides[0], dilation[0], padding),
                          pad_amounts(x.shape[2], kc, strides[1], dilation[1], padding))
    x = np.pad(x, ((0, 0), (rb, ra), (cb, ca), (0, 0)))
    span_r, span_c = (kr - 1) * dilation[0] + 1, (kc - 1) * dilation[1] + 1
    rows = (x.shape[1] - span_r) // strides[0] + 1
    cols = (x.shape[2] - span_c) // strides[1] + 1
    out = np.zeros((x.shape[0], rows, cols, kernel.shape[3]))
    for r in range(rows):
        for c in range(cols):
            window = x[:, r * strides[0]: r * strides[0] + span_r: dilation[0],
                       c * strides[1]: c * strides[1] + span_c: dilation[1], :]
            out[:, r, c, :] = np.einsum("bhwi,hwio->bo", window, kernel)
    return out + (0 if bias is None else bias)


def lstm_gates(weights, major):
    """(W, U, b) with columns i, f, c, o whatever the file's version stored."""
    if major == 1:
        byname = {n.split(":")[0].rsplit("_", 2)[-2] + "_" + n.split(":")[0].rsplit("_", 1)[-1]: a
                  for n, a in weights}
        order = ["i", "f", "c", "o"]
        W = np.concatenate([byname["W_" + g] for g in order], axis=1)
        U = np.concatenate([byname["U_" + g] for g in order], axis=1)
        b = np.concatenate([byname["b_" + g] for g in order])
        return W, U, b
    (_, W), (_, U), (_, b) = weights[:3]
    return W, U, b


def run_lstm(x, weights, cfg, major, mask=None):
    W, U, b = lstm_gates(weights, major)
    units = U.shape[0]
    act = activation(cfg.get("activation", "tanh"), major)
    ract = activation(cfg.get("recurrent_activation", cfg.get("inner_activation", "hard_sigmoid")), major)
    h = np.zeros((x.shape[0], units))
    c = np.zeros_like(h)
    outputs = []
    for t in range(x.shape[1]):
        z = x[:, t, :] @ W + h @ U + b
        i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
        c_new = ract(f) * c + ract(i) * act(g)
        h_new = ract(o) * act(c_new)
        if mask is not None:
            keep = mask[:, t:t + 1]
            c_new = np.where(keep, c_new, c)
            h_new = np.where(keep, h_new, h)
        h, c = h_new, c_new
        outputs.append(h)
    return np.stack(outputs, axis=1)


def run_simple_rnn(x, weights, cfg, major, mask=None):
    (_, W), (_, U), (_, b) = weights[:3]
    act = activation(cfg.get("activation", "tanh"), major)
    h = np.zeros((x.shape[0], U.shape[0]))
    outputs = []
    for t in range(x.shape[1]):
        h_new = act(x[:, t, :] @ W + h @ U + b)
        if mask is not None:
            h_new = np.where(mask[:, t:t + 1], h_new, h)
        h = h_new
        outputs.append(h)
    return np.stack(outputs, axis=1)


def run_gru(x, weights, cfg, major, mask=None):
    """Keras 2/3 GRU, columns z, r, h. reset_after (Keras 3 and tf.keras 2 default): bias is (2, 3u) = input and
    recurrent biases and hh = a(x Wh + bh_in + r * (h Uh + bh_rec)); otherwise hh = a(x Wh + (r * h) Uh + bh).
    h' = z * h + (1 - z) * hh."""
    (_, W), (_, U), (_, b) = weights[:3]
    units = U.shape[0]
    act = activation(cfg.get("activation", "tanh"), major)
    ract = activation(cfg.get("recurrent_activation", "hard_sigmoid" if major < 3 else "sigmoid"), major)
    reset_after = cfg.get("reset_after", major >= 3)
    b_in, b_rec = (b[0], b[1]) if reset_after else (b, np.zeros_like(b))
    h = np.zeros((x.shape[0], units))
    outputs = []
    for t in range(x.shape[1]):
        xs = x[:, t, :] @ W + b_in
        xz, xr, xh = (xs[:, k * units:(k + 1) * units] for k in range(3))
        if reset_after:
            inner = h @ U + b_rec
            z = ract(xz + inner[:, :units])
            r = ract(xr + inner[:, units:2 * units])
            hh = act(xh + r * inner[:, 2 * units:])
        else:
            z = ract(xz + h @ U[:, :units])
            r = ract(xr + h @ U[:, units:2 * units])
            hh = act(xh + (r * h) @ U[:, 2 * units:])
        h_new = z * h + (1 - z) * hh
        if mask is not None:
            h_new = np.where(mask[:, t:t + 1], h_new, h)
        h = h_new
        outputs.append(h)
    return np.stack(outputs, axis=1)


RNNS = {"LSTM": run_lstm, "SimpleRNN": run_simple_rnn, "GRU": run_gru}


def rnn(class_name, x, weights, cfg, major, mask=None):
    seq = RNNS[class_name](x, weights, cfg, major, mask)
    return seq if cfg.get("return_sequences", False) else seq[:, -1, :]


MERGES = {
    "Add": lambda xs, cfg: np.sum(xs, axis=0),
    "Subtract": lambda xs, cfg: xs[0] - xs[1],
    "Multiply": lambda xs, cfg: np.prod(xs, axis=0),
    "Average": lambda xs, cfg: np.mean(xs, axis=0),
    "Maximum": lambda xs, cfg: np.max(xs, axis=0),
    "Minimum": lambda xs, cfg: np.min(xs, axis=0),
    "Concatenate": lambda xs, cfg: np.concatenate(xs, axis=cfg.get("axis", -1)),
}


def apply_layer(layer, x, weights, major, state):
    cls, cfg = layer["class_name"], layer["config"]
    if cls in ("InputLayer", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise", "AlphaDropout"):
        return x
    if cls == "Masking":
        value = cfg.get("mask_value", 0.0)
        if isinstance(value, dict):
            value = value["config"]["value"][0]
        state["mask"] = np.any(x != value, axis=-1)
        return x
    if cls == "Dense":
        kernel = weights[0][1]
        y = np.tensordot(x, kernel, axes=([-1], [0]))
        if len(weights) > 1:
            y = y + weights[1][1]
        return activation(cfg.get("activation"), major)(y)
    if cls == "Activation":
        return activation(cfg["activation"], major)(x)
    if cls in MERGES:
        return MERGES[cls](x, cfg)
    if cls == "PReLU":
        alpha = weights[0][1]
        return np.where(x > 0, x, alpha * x)
    if cls == "GlobalAveragePooling1D":
        return x.mean(axis=1)
    if cls == "GlobalMaxPooling1D":
        return x.max(axis=1)
    if cls == "ELU":
        return np.where(x > 0, x, cfg.get("alpha", 1.0) * (np.exp(x) - 1))
    if cls == "LeakyReLU":
        return np.where(x > 0, x, cfg.get("alpha", cfg.get("negative_slope", 0.3)) * x)
    if cls == "ThresholdedReLU":
        return np.where(x > cfg.get("theta", 1.0), x, 0.0)
    if cls == "Softmax":
        return activation("softmax", major)(x)
    if cls == "ReLU":   # f(x) = max_value if x >= max_value; x if threshold <= x < max_value; slope (x - threshold) else
        threshold, slope, top = cfg.get("threshold", 0.0), cfg.get("negative_slope", 0.0), cfg.get("max_value")
        y = np.where(x >= threshold, x, slope * (x - threshold))
        return y if top is None else np.minimum(y, top)
    if cls == "Flatten":
        if cfg.get("data_format") == "channels_first" and x.ndim > 2:
            x = np.moveaxis(x, 1, -1)     # Keras 2: channels_first input is made channels_last, then flattened
        return x.reshape(x.shape[0], -1)
    if cls == "Reshape":
        return x.reshape((x.shape[0],) + tuple(cfg["target_shape"]))
    if cls == "RepeatVector":
        return np.repeat(x[:, None, :], cfg["n"], axis=1)
    if cls == "Embedding":
        return weights[0][1][x.astype(np.int64)]
    if cls in ("Conv1D", "Convolution1D"):
        kernel = weights[0][1]
        bias = weights[1][1] if len(weights) > 1 else None
        channels_first = cfg.get("data_format") == "channels_first"
        if channels_first:
            x = np.transpose(x, (0, 2, 1))
        stride = (cfg.get("strides") or [cfg.get("subsample_length", 1)])[0]
        dilation = (cfg.get("dilation_rate") or [1])[0]
        y = conv1d(x, kernel, bias, stride, dilation, cfg.get("padding", cfg.get("border_mode", "valid")))
        y = activation(cfg.get("activation"), major)(y)
        return np.transpose(y, (0, 2, 1)) if channels_first else y
    if cls in ("Conv2D", "Convolution2D"):
        if cfg.get("dim_ordering", "tf") != "tf":
            raise ValueError("reference.py: Keras 1 'th' kernels are not implemented")
        channels_first = cfg.get("data_format") == "channels_first"
        if channels_first:
            x = np.transpose(x, (0, 2, 3, 1))
        kernel = weights[0][1]
        bias = weights[1][1] if len(weights) > 1 else None
        strides = cfg.get("strides", cfg.get("subsample", [1, 1]))
        y = conv2d(x, kernel, bias, strides, cfg.get("dilation_rate", [1, 1]),
                   cfg.get("padding", cfg.get("border_mode", "valid")))
        y = activation(cfg.get("activation"), major)(y)
        return np.transpose(y, (0, 3, 1, 2)) if channels_first else y
    if cls == "MaxPooling2D":
        if cfg.get("padding", "valid") != "valid":
            raise ValueError("reference.py: MaxPooling2D padding 'valid' only")
        channels_first = cfg.get("data_format") == "channels_first"
        if channels_first:
            x = np.transpose(x, (0, 2, 3, 1))
        pr, pc = cfg["pool_size"]
        sr, sc = cfg.get("strides") or cfg["pool_size"]
        rows, cols = (x.shape[1] - pr) // sr + 1, (x.shape[2] - pc) // sc + 1
        y = np.zeros((x.shape[0], rows, cols, x.shape[3]))
        for r in range(rows):
            for c in range(cols):
                y[:, r, c, :] = x[:, r * sr: r * sr + pr, c * sc: c * sc + pc, :].max(axis=(1, 2))
        return np.transpose(y, (0, 3, 1, 2)) if channels_first else y
    if cls == "MaxPooling1D":
        pool = cfg["pool_size"][0]
        stride = (cfg.get("strides") or [pool])[0]
        if cfg.get("padding", "valid") != "valid":
            raise ValueError("reference.py: MaxPooling1D padding 'valid' only")
        steps = (x.shape[1] - pool) // stride + 1
        return np.stack([x[:, t * stride: t * stride + pool, :].max(axis=1) for t in range(steps)], axis=1)
    if cls == "BatchNormalization":
        names = [n.split("/")[-1].split(":")[0] for n, _ in weights]
        arrays = dict(zip(names, (a for _, a in weights)))
        if major >= 3:   # vars/0..3 = gamma, beta, moving_mean, moving_variance (with center and scale)
            arrays = dict(zip(["gamma", "beta", "moving_mean", "moving_variance"], (a for _, a in weights)))
        axis = cfg.get("axis", -1)
        if isinstance(axis, list):
            axis = axis[0]
        if axis not in (-1, x.ndim - 1):
            raise ValueError("reference.py: BatchNormalization on the last axis only")
        y = (x - arrays["moving_mean"]) / np.sqrt(arrays["moving_variance"] + cfg.get("epsilon", 1e-3))
        return y * arrays.get("gamma", 1.0) + arrays.get("beta", 0.0)
    if cls in RNNS:
        return rnn(cls, x, weights, cfg, major, state.get("mask"))
    if cls == "Bidirectional":
        inner = layer["config"]["layer"]
        half = len(weights) // 2
        icfg = dict(inner["config"])
        seq = icfg.get("return_sequences", False)
        mask = state.get("mask")
        forward = rnn(inner["class_name"], x, weights[:half], icfg, major, mask)
        backward = rnn(inner["class_name"], x[:, ::-1, :], weights[half:], icfg, major,
                       None if mask is None else mask[:, ::-1])
        if seq:
            backward = backward[:, ::-1, :]
        mode = cfg.get("merge_mode", "concat")
        if mode != "concat":
            raise ValueError("reference.py: Bidirectional merge_mode concat only")
        return np.concatenate([forward, backward], axis=-1)
    raise ValueError(f"layer class {cls!r} not implemented in reference.py")


def forward(model, inputs):
    """Runs the model on a list of inputs (or one array); returns a list of outputs (or one array for one output).

    Sequential files (Keras 1 list or Keras 2/3 dict) run in order; functional files run as the graph their
    inbound_nodes describe (Keras 2 [[name, node, tensor, kwargs]] or Keras 3 __keras_tensor__ syntax)."""
    single = not isinstance(inputs, list)
    inputs = [inputs] if single else inputs
    major = model.major
    layer_weights = model.keras3_weights() if major >= 3 else model.weights
    layers = model.layers()
    if model.config["class_name"] == "Sequential" or not any(l.get("inbound_nodes") for l in layers):
        x, state = inputs[0], {}
        for layer in layers:
            if layer["class_name"] != "InputLayer":
                x = apply_layer(layer, x, layer_weights.get(layer["config"]["name"], []), major, state)
        return x if single else [x]
    inner = model.config["config"]
    in_names = [e[0] for e in _endpoints(inner["input_layers"])]
    out_names = [e[0] for e in _endpoints(inner["output_layers"])]
    values = dict(zip(in_names, inputs))
    states = {name: {} for name in in_names}
    pending = [l for l in layers if l["class_name"] != "InputLayer"]
    while pending:
        progressed = False
        for layer in list(pending):
            name = layer.get("name", layer["config"]["name"])
            sources = inbound_names(layer)
            if not all(src in values for src in sources):
                continue
            args = [values[src] for src in sources]
            state = dict(states[sources[0]]) if sources else {}
            x = args if layer["class_name"] in MERGES else args[0]
            values[name] = apply_layer(layer, x, layer_weights.get(name, []), major, state)
            states[name] = state
            pending.remove(layer)
            progressed = True
        if not progressed:
            raise ValueError("reference.py: graph has unreachable layers " + str([l["name"] for l in pending]))
    outputs = [values[n] for n in out_names]
    return outputs[0] if single and len(outputs) == 1 else outputs


def _endpoints(spec):
    """[[name, node, tensor], ...] whether given nested or (Keras 3, one endpoint) flat."""
    return [spec] if spec and isinstance(spec[0], str) else spec


# ------------------------------------------------------------------------------------------------------------ cases

def make_input(spec, seed):
    """A fixed input: spec = {"shape": [...], "kind": "uniform"|"int", "high": N, "zero_steps": [[sample, step]...]}."""
    rng = np.random.default_rng(seed)
    shape = tuple(spec["shape"])
    if spec.get("kind") == "int":
        x = rng.integers(0, spec["high"], size=shape).astype(np.float32)
    else:
        x = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
    for sample, step in spec.get("zero_steps", []):
        x[sample, step, ...] = 0.0
    return x


def write_case(case):
    model = ModelFile(os.path.join(ROOT, case["file"]))
    x = make_input(case["reference_input"], case.get("seed", 1234))
    ys = forward(model, [x.astype(np.float64)])
    np.save(os.path.join(ROOT, case["inputs"]["file"]), x)
    files = case["expected"].get("files") or [case["expected"]["file"]]
    for file, y in zip(files, ys):
        np.save(os.path.join(ROOT, file), y.astype(np.float32))
    return x.shape, [y.shape for y in ys]


def check_against_keras(case):
    """Runs forward() on a case whose expected values are Keras's own, returns the max abs error."""
    model = ModelFile(os.path.join(ROOT, case["file"]))
    xs, ys = load_refs(case["inputs"]), load_refs(case["expected"])
    y = forward(model, [x.astype(np.float64) for x in xs])
    return (max(float(np.max(np.abs(a - b))) for a, b in zip(y, ys)),
            max(float(np.max(np.abs(b))) for b in ys))


def load_refs(ref):
    if "files" in ref:
        return [np.load(os.path.join(ROOT, f)) for f in ref["files"]]
    path = os.path.join(ROOT, ref["file"])
    if ref["file"].endswith(".npy"):
        return [np.load(path)]
    with h5py.File(path, "r") as f:
        return [np.array(f[d]) for d in ref["datasets"]]


def main():
    manifest = json.load(open(os.path.join(ROOT, "manifest.json")))
    if "--write" in sys.argv:
        for case in manifest["cases"]:
            if case.get("expected_source") == "numpy":
                print(case["id"], *write_case(case))
    if "--check" in sys.argv:
        worst = 0.0
        for case in manifest["cases"]:
            if case.get("expected_source") != "keras":
                continue
            try:
                err, scale = check_against_keras(case)
            except ValueError as e:
                print(f"{case['id']}: skipped ({e})")
                continue
            worst = max(worst, err)
            print(f"{case['id']}: max |numpy - keras| = {err:.3g} (max |keras| = {scale:.3g})")
        print(f"worst: {worst:.3g}")


if __name__ == "__main__":
    main()
