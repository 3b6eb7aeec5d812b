#!/usr/bin/python3
"""Writes the MobileNetV2 test fixture: a Keras 2 layout weights file and a numpy forward pass of it.

Independent of kerasj: the architecture follows Keras's keras/src/applications/mobilenet_v2.py (layer names,
_make_divisible, correct_pad), the arithmetic is plain numpy in float64 (TensorFlow's "same" padding, depthwise
convolution, BatchNormalization at inference, ReLU6, softmax). Weights come from numpy's RandomState(20261206).

Writes, next to the test resources (src/test/resources/applications/):
  mobilenet_v2_0.35_32_c5.h5            weights as Keras 2's save_weights lays them out (root attribute
                                        layer_names; per layer a group with weight_names and datasets at
                                        <layer>/<layer>/<weight>:0), float32
  mobilenet_v2_0.35_32_c5.input.npy     2 images (2, 32, 32, 3), float32 in [-1, 1] (already preprocessed)
  mobilenet_v2_0.35_32_c5.expected.npy  softmax output (2, 5), float64

Needs python3-h5py and python3-numpy (Debian). Run: /usr/bin/python3 tools/applications/make_mobilenet_v2_fixture.py
"""
import os
import sys

import h5py
import numpy as np

ALPHA, SIZE, CLASSES = 0.35, 32, 5
rng = np.random.RandomState(20261206)
layers = []          # (name, [(weight_name, array)]) in the order the forward pass meets them


def make_divisible(v, divisor=8):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def add_layer(name, weights):
    layers.append((name, [(w, a.astype(np.float32)) for w, a in weights]))
    return [a.astype(np.float32).astype(np.float64) for _, a in weights]


def conv_weights(name, kh, kw, cin, cout, bias=False):
    std = np.sqrt(2.0 / (kh * kw * cin))
    w = [("kernel", rng.normal(0, std, (kh, kw, cin, cout)))]
    if bias:
        w.append(("bias", rng.normal(0, 0.1, (cout,))))
    return add_layer(name, w)


def bn_weights(name, c):
    return add_layer(name, [("gamma", rng.uniform(0.5, 1.5, c)), ("beta", rng.normal(0, 0.1, c)),
                            ("moving_mean", rng.normal(0, 0.1, c)), ("moving_variance", rng.uniform(0.5, 1.5, c))])


def pad_same(x, k, s):
    h, w = x.shape[1], x.shape[2]
    oh, ow = -(-h // s), -(-w // s)
    ph = max((oh - 1) * s + k - h, 0)
    pw = max((ow - 1) * s + k - w, 0)
    return np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))


def windows(x, k, s):
    """Yields (a, b, view) with view[n, i, j, c] = x[n, i*s + a, j*s + b, c] for the valid output positions."""
    oh = (x.shape[1] - k) // s + 1
    ow = (x.shape[2] - k) // s + 1
    for a in range(k):
        for b in range(k):
            yield a, b, x[:, a:a + s * (oh - 1) + 1:s, b:b + s * (ow - 1) + 1:s, :]


def conv(x, kernel, s=1, padding="valid", bias=None):
    k = kernel.shape[0]
    if padding == "same":
        x = pad_same(x, k, s)
    out = sum(np.tensordot(v, kernel[a, b], axes=([3], [0])) for a, b, v in windows(x, k, s))
    return out if bias is None else out + bias


def depthwise(x, kernel, s=1, padding="valid"):
    k = kernel.shape[0]
    if padding == "same":
        x = pad_same(x, k, s)
    return sum(v * kernel[a, b, :, 0] for a, b, v in windows(x, k, s))


def bn(x, w, eps=1e-3):
    gamma, beta, mean, var = w
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def relu6(x):
    return np.clip(x, 0, 6)


def correct_pad(x, k):
    adjust = (1 - x.shape[1] % 2, 1 - x.shape[2] % 2)
    c = k // 2
    return np.pad(x, ((0, 0), (c - adjust[0], c), (c - adjust[1], c), (0, 0)))


def block(x, expansion, stride, filters, block_id):
    cin = x.shape[3]
    pointwise = make_divisible(int(filters * ALPHA), 8)
    inputs = x
    prefix = "block_%d_" % block_id
    if block_id:
        x = conv(x, conv_weights(prefix + "expand", 1, 1, cin, expansion * cin)[0], padding="same")
        x = relu6(bn(x, bn_weights(prefix + "expand_BN", expansion * cin)))
    else:
        prefix = "expanded_conv_"
    c = x.shape[3]
    if stride == 2:
        x = correct_pad(x, 3)
    dw = add_layer(prefix + "depthwise", [("depthwise_kernel", rng.normal(0, np.sqrt(2.0 / 9), (3, 3, c, 1)))])[0]
    x = depthwise(x, dw, stride, "same" if stride == 1 else "valid")
    x = relu6(bn(x, bn_weights(prefix + "depthwise_BN", c)))
    x = conv(x, conv_weights(prefix + "project", 1, 1, c, pointwise)[0], padding="same")
    x = bn(x, bn_weights(prefix + "project_BN", pointwise))
    if cin == pointwise and stride == 1:
        return inputs + x
    return x


def forward(x):
    x = conv(x, conv_weights("Conv1", 3, 3, 3, make_divisible(32 * ALPHA, 8))[0], 2, "same")
    x = relu6(bn(x, bn_weights("bn_Conv1", x.shape[3])))
    for i, (f, s, e) in enumerate([(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6),
                                   (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6),
                                   (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6)]):
        x = block(x, e, s, f, i)
    x = conv(x, conv_weights("Conv_1", 1, 1, x.shape[3], 1280)[0])
    x = relu6(bn(x, bn_weights("Conv_1_bn", 1280)))
    x = x.mean(axis=(1, 2))
    k, b = conv_weights("predictions", 1, 1, 1280, CLASSES, bias=True)
    logits = x @ k[0, 0] + b
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "src", "test",
                                                              "resources", "applications")
    x = rng.uniform(-1, 1, (2, SIZE, SIZE, 3)).astype(np.float32)
    y = forward(x.astype(np.float64))
    # the Dense kernel was drawn as a 1×1 conv kernel: store it as Dense's (1280, classes)
    name, weights = layers[-1]
    layers[-1] = (name, [("kernel", weights[0][1][0, 0]), weights[1]])
    stem = os.path.join(out, "mobilenet_v2_0.35_32_c5")
    with h5py.File(stem + ".h5", "w") as f:
        f.attrs["layer_names"] = [n.encode() for n, _ in layers]
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.13.1"
        for n, weights in layers:
            g = f.create_group(n)
            g.attrs["weight_names"] = [("%s/%s:0" % (n, w)).encode() for w, _ in weights]
            for w, a in weights:
                g.create_dataset("%s/%s:0" % (n, w), data=a)
    np.save(stem + ".input.npy", x)
    np.save(stem + ".expected.npy", y)
    print("layers with weights:", len(layers), "parameters:", sum(a.size for _, ws in layers for _, a in ws))
    print("expected:", y)


if __name__ == "__main__":
    main()
