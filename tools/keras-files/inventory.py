#!/usr/bin/env python3
"""Inventory of the Keras-written fixtures under src/test/resources/keras-files.

For every model file (legacy HDF5 whole-model files, whatever their extension, and Keras 3 `.keras` zips)
it lists the Keras version, backend, model class, each layer's class, name, config keys (wrapped layers
too), inbound layers, the weights stored for it (HDF5 path and shape), the input shapes the config
declares, and, from manifest.json, where the inputs and the expected outputs are and their shapes.

Usage (Debian's python3-h5py and python3-numpy; no Keras needed):
    /usr/bin/python3 tools/keras-files/inventory.py            # prints JSON
    /usr/bin/python3 tools/keras-files/inventory.py --write    # rewrites inventory.json
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "src", "test", "resources", "keras-files")
ROOT = os.path.normpath(ROOT)
MODEL_SUFFIXES = (".h5", ".hdf5", ".keras")


def text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [text(v) for v in value.tolist()]
    return value


def attr(node, key):
    return text(node.attrs[key]) if key in node.attrs else None


def hdf5_datasets(group, prefix=""):
    """Every dataset under group as {path: shape}, paths relative to group."""
    found = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            found[prefix + name] = list(obj.shape)
    group.visititems(visit)
    return found


def layer_list(config):
    """The layers of a Sequential/Functional config in both Keras 1 (list) and Keras 2/3 (dict) syntax."""
    inner = config.get("config", config)
    if isinstance(inner, list):
        return inner
    return inner.get("layers", [])


def inbound_names(layer):
    """Names of the layers feeding this one: Keras 2 [[name, node, tensor, kwargs]] or Keras 3 __keras_tensor__."""
    names = []

    def walk(obj):
        if isinstance(obj, dict):
            if obj.get("class_name") == "__keras_tensor__":
                names.append(obj["config"]["keras_history"][0])
                return
            for value in obj.values():
                walk(value)
        elif isinstance(obj, list):
            if len(obj) >= 3 and isinstance(obj[0], str) and isinstance(obj[1], int):
                names.append(obj[0])
                return
            for value in obj:
                walk(value)
    walk(layer.get("inbound_nodes", []))
    return names


def describe_layer(layer):
    cfg = layer.get("config", {})
    entry = {
        "class_name": layer["class_name"],
        "name": cfg.get("name", layer.get("name")),
        "config_keys": sorted(cfg.keys()),
    }
    if layer.get("module") is not None or "registered_name" in layer:
        entry["module"] = layer.get("module")
        entry["registered_name"] = layer.get("registered_name")
    if "build_config" in layer:
        entry["build_config"] = layer["build_config"]
    for key in ("batch_input_shape", "batch_shape", "input_shape", "input_dim", "dim_ordering", "data_format",
                "activation", "inner_activation", "recurrent_activation", "return_sequences", "merge_mode",
                "padding", "border_mode", "strides", "subsample", "kernel_size", "dilation_rate"):
        if key in cfg:
            entry[key] = cfg[key]
    inbound = inbound_names(layer)
    if inbound:
        entry["inbound"] = inbound
    wrapped = cfg.get("layer")
    if isinstance(wrapped, dict) and "class_name" in wrapped:
        entry["wrapped"] = describe_layer(wrapped)
    if isinstance(cfg.get("dtype"), dict):
        entry["dtype"] = cfg["dtype"].get("class_name") + ":" + str(cfg["dtype"].get("config", {}).get("name"))
    elif "dtype" in cfg:
        entry["dtype"] = cfg["dtype"]
    return entry


def model_summary(config):
    inner = config.get("config", {})
    summary = {"model_class": config.get("class_name"), "layers": [describe_layer(l) for l in layer_list(config)]}
    if isinstance(inner, dict):
        for key in ("input_layers", "output_layers"):
            if key in inner:
                summary[key] = inner[key]
    return summary


def input_shapes(summary):
    """Declared input shapes: the InputLayers' if there are any, else the first layer's batch_input_shape."""
    layers = summary["layers"]
    inputs = [l for l in layers if l["class_name"] == "InputLayer"] or layers[:1]
    shapes = []
    for layer in inputs:
        for key in ("batch_input_shape", "batch_shape"):
            if key in layer:
                shapes.append(layer[key])
                break
    return shapes


def legacy_hdf5(path):
    with h5py.File(path, "r") as f:
        entry = {"format": "hdf5", "keras_version": attr(f, "keras_version"), "backend": attr(f, "backend")}
        model_config = attr(f, "model_config")
        if model_config is None:
            entry["kind"] = "not a model file"
            entry["groups"] = list(f.keys())
            return entry
        entry["kind"] = "hdf5 whole model"
        entry.update(model_summary(json.loads(model_config)))
        entry["input_shapes"] = input_shapes(entry)
        training = attr(f, "training_config")
        if training is not None:
            training = json.loads(training)
            opt = training.get("optimizer_config", {})
            entry["training_config"] = {"loss": training.get("loss"), "metrics": training.get("metrics"),
                                        "optimizer": opt.get("class_name")}
        weights_root = f["model_weights"] if "model_weights" in f else f
        weights = {}
        for name in text(weights_root.attrs.get("layer_names", [])):
            group = weights_root[name]
            names = text(group.attrs.get("weight_names", []))
            weights[name] = [{"name": n, "shape": list(group[n].shape)} for n in names]
        entry["weights"] = weights
        entry["weights_root"] = "model_weights" if "model_weights" in f else "/"
        entry["optimizer_weights"] = "optimizer_weights" in f
    return entry


def keras_zip(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata = json.loads(archive.read("metadata.json"))
        config = json.loads(archive.read("config.json"))
        entry = {"format": "keras-zip", "kind": "keras 3 archive", "entries": names,
                 "keras_version": metadata.get("keras_version"), "date_saved": metadata.get("date_saved"),
                 "backend": None, "top_level_keys": sorted(config.keys()),
                 "registered_name": config.get("registered_name"), "module": config.get("module")}
        entry.update(model_summary(config))
        entry["input_shapes"] = input_shapes(entry)
        if "build_config" in config:
            entry["build_config"] = config["build_config"]
        if "compile_config" in config:
            cc = config["compile_config"] or {}
            entry["compile_config_keys"] = sorted(cc.keys())
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as f:
            entry["weights"] = hdf5_datasets(f)
            groups = {}

            def visit(name, obj):
                if isinstance(obj, h5py.Group) and len(obj.attrs):
                    groups[name] = {k: text(v) for k, v in obj.attrs.items()}
            f.visititems(visit)
            entry["group_attributes"] = groups
    return entry


def companions(manifest):
    by_file = {}
    for case in manifest.get("cases", []):
        by_file.setdefault(case["file"], []).append(case)
    return by_file


def data_shapes(ref):
    """Shapes of the datasets a manifest input/expected reference names."""
    if "files" in ref:
        return {f: list(np.load(os.path.join(ROOT, f), mmap_mode="r").shape) for f in ref["files"]}
    path = os.path.join(ROOT, ref["file"])
    if ref["file"].endswith(".npy"):
        return {ref["file"]: list(np.load(path, mmap_mode="r").shape)}
    with h5py.File(path, "r") as f:
        return {ref["file"] + ":" + d: list(f[d].shape) for d in ref["datasets"]}


def inventory():
    manifest_path = os.path.join(ROOT, "manifest.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    cases = companions(manifest)
    result = []
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            if not name.endswith(MODEL_SUFFIXES) or name.endswith(".expected.h5"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), ROOT)
            if "_inputs_and_outputs" in name:
                continue
            path = os.path.join(ROOT, rel)
            with open(path, "rb") as raw:
                magic = raw.read(8)
            if magic.startswith(b"PK"):
                entry = keras_zip(path)
            elif magic == b"\x89HDF\r\n\x1a\n":
                entry = legacy_hdf5(path)
            else:
                entry = {"format": "unknown"}
            entry = {"file": rel, "bytes": os.path.getsize(path), **entry}
            for case in cases.get(rel, []):
                use = {"case": case["id"], "expected_source": case.get("expected_source")}
                if "inputs" in case:
                    use["inputs"] = data_shapes(case["inputs"])
                if "expected" in case:
                    use["expected"] = data_shapes(case["expected"])
                entry.setdefault("used_by", []).append(use)
            result.append(entry)
    return {"root": "src/test/resources/keras-files", "files": result}


def main():
    data = inventory()
    out = json.dumps(data, indent=1, sort_keys=False)
    if "--write" in sys.argv:
        with open(os.path.join(ROOT, "inventory.json"), "w") as f:
            f.write(out + "\n")
        print("wrote", os.path.join(ROOT, "inventory.json"), len(data["files"]), "files")
    else:
        print(out)


if __name__ == "__main__":
    main()
