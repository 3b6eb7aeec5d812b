#!/usr/bin/python3
"""Writes the nested-model fixtures of src/test/resources/keras-files/nested/ (kerasj's NestedKerasModelsTest).

No Keras runs here (none is installed on this machine): each file is laid out as Keras writes it, read from
Keras's source — keras/src/saving/saving_lib.py (.keras: config.json, metadata.json, model.weights.h5 with each
object's variables under its class-named path, a nested model's layers under layers/<its key>/layers/...),
keras/src/models/functional.py (Functional.get_config: layers with name and inbound_nodes, node indices
re-numbered within the outer network, input_layers / output_layers) and legacy/saving/legacy_h5_format.py
(.h5: model_config, model_weights/<top-level layer>/ with weight_names, a nested model's weights in its own
group under its layers' variable names). Weights come from numpy's seeded generator; the expected outputs are
computed here in float64 numpy for a fixed input and written beside the files (expected.json).

    /usr/bin/python3 tools/keras-files/nested_fixtures.py src/test/resources/keras-files/nested
"""
import io
import json
import sys
import zipfile

import h5py
import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/keras-files/nested"
rng = np.random.default_rng(20261206)
X = rng.standard_normal((3, 4)).astype(np.float32)


def dense_weights(n_in, n_out):
    return (rng.standard_normal((n_in, n_out)) * 0.7).astype(np.float32), (rng.standard_normal(n_out) * 0.2).astype(np.float32)


def relu(z):
    return np.maximum(z, 0)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


DTYPE = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}


def tensor(history, shape):
    return {"class_name": "__keras_tensor__", "config": {"shape": shape, "dtype": "float32", "keras_history": history}}


def dense3(name, units, activation, n_in, inbound, trainable=True):
    entry = {"module": "keras.layers", "class_name": "Dense", "config": {
        "name": name, "trainable": trainable, "dtype": DTYPE, "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None},
                               "registered_name": None},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None},
        "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None, "bias_constraint": None},
        "registered_name": None, "build_config": {"input_shape": [None, n_in]}}
    if inbound is not None:
        entry["name"] = name
        entry["inbound_nodes"] = [{"args": [tensor(inbound, [None, n_in])], "kwargs": {}}]
    return entry


def input3(name, width, functional=True):
    entry = {"module": "keras.layers", "class_name": "InputLayer", "config": {
        "batch_shape": [None, width], "dtype": "float32", "sparse": False, "name": name}, "registered_name": None}
    if functional:
        entry["name"] = name
        entry["inbound_nodes"] = []
    return entry


def write_keras(path, config, weights):
    """weights: {h5 path: array}; groups Keras creates for weightless objects are created too."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        for p, a in weights.items():
            f.create_dataset(p, data=a)
        f.require_group("vars")
    with zipfile.ZipFile(path, "w") as z:  # ZIP_STORED, as saving_lib writes
        z.writestr("metadata.json", json.dumps({"keras_version": "3.9.0", "date_saved": "2026-12-06@21:00:00"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", buf.getvalue())


expected = {"x": X.tolist()}

# 1. keras.io's transfer-learning shape: a frozen Functional base called with training=False inside a Functional model
k1, b1 = dense_weights(4, 5)
k2, b2 = dense_weights(5, 3)
k3, b3 = dense_weights(3, 2)
base = {"module": "keras.src.models.functional", "class_name": "Functional", "config": {
    "name": "base", "trainable": False,
    "layers": [input3("base_input", 4), dense3("base_dense", 5, "relu", 4, ["base_input", 0, 0], False),
               dense3("base_out", 3, "linear", 5, ["base_dense", 0, 0], False)],
    "input_layers": ["base_input", 0, 0], "output_layers": ["base_out", 0, 0]},
    "registered_name": "Functional", "build_config": {"input_shape": [None, 4]}, "name": "base",
    "inbound_nodes": [{"args": [tensor(["inputs", 0, 0], [None, 4])], "kwargs": {"training": False}}]}
outer = {"module": "keras.src.models.functional", "class_name": "Functional", "config": {
    "name": "transfer", "trainable": True,
    "layers": [input3("inputs", 4), base, dense3("head", 2, "softmax", 3, ["base", 0, 0])],
    "input_layers": ["inputs", 0, 0], "output_layers": ["head", 0, 0]},
    "registered_name": "Functional", "build_config": {"input_shape": [None, 4]}}
write_keras(f"{OUT}/functional_in_functional.keras", outer, {
    # outer container: input_layer, functional (the base), dense (the head); inside the base: input_layer, dense, dense_1
    "layers/functional/layers/dense/vars/0": k1, "layers/functional/layers/dense/vars/1": b1,
    "layers/functional/layers/dense_1/vars/0": k2, "layers/functional/layers/dense_1/vars/1": b2,
    "layers/dense/vars/0": k3, "layers/dense/vars/1": b3})
y1 = softmax((relu(X.astype(np.float64) @ k1 + b1) @ k2 + b2) @ k3 + b3)
expected["functional_in_functional"] = {"y": y1.tolist(), "frozen": ["base_dense", "base_out"],
                                        "trainable": ["head"]}

# 2. a data-augmentation-style Sequential block inside a Sequential model
k4, b4 = dense_weights(4, 6)
k5, b5 = dense_weights(6, 2)
block = {"module": "keras", "class_name": "Sequential", "config": {
    "name": "block", "trainable": True, "dtype": DTYPE,
    "layers": [input3("block_input", 4, False), dense3("block_dense", 6, "tanh", 4, None)],
    "build_input_shape": [None, 4]}, "registered_name": None, "build_config": {"input_shape": [None, 4]}}
seq = {"module": "keras", "class_name": "Sequential", "config": {
    "name": "outer", "trainable": True, "dtype": DTYPE,
    "layers": [input3("outer_input", 4, False), block, dense3("outer_head", 2, "softmax", 6, None)],
    "build_input_shape": [None, 4]}, "registered_name": None, "build_config": {"input_shape": [None, 4]}}
write_keras(f"{OUT}/sequential_in_sequential.keras", seq, {
    "layers/sequential/layers/dense/vars/0": k4, "layers/sequential/layers/dense/vars/1": b4,
    "layers/dense/vars/0": k5, "layers/dense/vars/1": b5})
y2 = softmax(np.tanh(X.astype(np.float64) @ k4 + b4) @ k5 + b5)
expected["sequential_in_sequential"] = {"y": y2.tolist(), "frozen": [], "trainable": ["block_dense", "outer_head"]}

# 3. the first model as tf.keras 2 wrote it to .h5: Keras 2 config lists, weights grouped by top-level layer
def dense2(name, units, activation, inbound, trainable=True):
    e = {"class_name": "Dense", "config": {"name": name, "trainable": trainable, "dtype": "float32", "units": units,
                                           "activation": activation, "use_bias": True,
                                           "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
                                           "bias_initializer": {"class_name": "Zeros", "config": {}},
                                           "kernel_regularizer": None, "bias_regularizer": None,
                                           "activity_regularizer": None, "kernel_constraint": None,
                                           "bias_constraint": None}, "name": name}
    e["inbound_nodes"] = [[[inbound, 0, 0, {}]]]
    return e


def input2(name):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False,
                                                   "ragged": False, "name": name}, "name": name, "inbound_nodes": []}


base2 = {"class_name": "Functional", "config": {
    "name": "base", "trainable": False,
    "layers": [input2("input_1"), dense2("base_dense", 5, "relu", "input_1", False),
               dense2("base_out", 3, "linear", "base_dense", False)],
    "input_layers": [["input_1", 0, 0]], "output_layers": [["base_out", 0, 0]]},
    "name": "base", "inbound_nodes": [[["input_2", 0, 0, {"training": False}]]]}
outer2 = {"class_name": "Functional", "config": {
    "name": "model", "layers": [input2("input_2"), base2, dense2("head", 2, "softmax", "base")],
    "input_layers": [["input_2", 0, 0]], "output_layers": [["head", 0, 0]]}}
with h5py.File(f"{OUT}/functional_in_functional_tf2.h5", "w") as f:
    f.attrs["keras_version"] = "2.13.1"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(outer2)
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = [b"input_2", b"base", b"head"]
    w.attrs["backend"] = "tensorflow"
    w.attrs["keras_version"] = "2.13.1"
    w.create_group("input_2").attrs["weight_names"] = np.array([], dtype="S")
    g = w.create_group("base")
    names = ["base_dense/kernel:0", "base_dense/bias:0", "base_out/kernel:0", "base_out/bias:0"]
    g.attrs["weight_names"] = [n.encode() for n in names]
    for n, a in zip(names, [k1, b1, k2, b2]):
        g.create_dataset(n, data=a)
    h = w.create_group("head")
    h.attrs["weight_names"] = [b"head/kernel:0", b"head/bias:0"]
    h.create_dataset("head/kernel:0", data=k3)
    h.create_dataset("head/bias:0", data=b3)
expected["functional_in_functional_tf2"] = expected["functional_in_functional"]

# 4. tf.keras 2: a Sequential block (no InputLayer; its first layer carries batch_input_shape, as Keras 2 wrote
# Sequential models built with input_shape=) called inside a Functional model
k6, b6 = dense_weights(4, 6)
k7, b7 = dense_weights(6, 2)
first = dense2("blk_dense", 6, "tanh", "unused")
del first["inbound_nodes"], first["name"]
first["config"]["batch_input_shape"] = [None, 4]
block2 = {"class_name": "Sequential", "config": {"name": "blk", "layers": [first]}, "name": "blk",
          "inbound_nodes": [[["input_3", 0, 0, {}]]]}
outer4 = {"class_name": "Functional", "config": {
    "name": "model_1", "layers": [input2("input_3"), block2, dense2("blk_head", 2, "softmax", "blk")],
    "input_layers": [["input_3", 0, 0]], "output_layers": [["blk_head", 0, 0]]}}
with h5py.File(f"{OUT}/sequential_in_functional_tf2.h5", "w") as f:
    f.attrs["keras_version"] = "2.4.0"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(outer4)
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = [b"input_3", b"blk", b"blk_head"]
    w.create_group("input_3").attrs["weight_names"] = np.array([], dtype="S")
    g = w.create_group("blk")
    names = ["blk_dense/kernel:0", "blk_dense/bias:0"]
    g.attrs["weight_names"] = [n.encode() for n in names]
    for n, a in zip(names, [k6, b6]):
        g.create_dataset(n, data=a)
    h = w.create_group("blk_head")
    h.attrs["weight_names"] = [b"blk_head/kernel:0", b"blk_head/bias:0"]
    h.create_dataset("blk_head/kernel:0", data=k7)
    h.create_dataset("blk_head/bias:0", data=b7)
y4 = softmax(np.tanh(X.astype(np.float64) @ k6 + b6) @ k7 + b7)
expected["sequential_in_functional_tf2"] = {"y": y4.tolist(), "frozen": [], "trainable": ["blk_dense", "blk_head"]}

with open(f"{OUT}/expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", OUT)
