#!/usr/bin/env python3
"""Checks that a `.keras` file (e.g. one kerasj wrote) has Keras 3's layout, without Keras.

    /usr/bin/python3 tools/keras-files/verify_saved.py SAVED.keras
    /usr/bin/python3 tools/keras-files/verify_saved.py SAVED.keras --reference REAL.keras
    /usr/bin/python3 tools/keras-files/verify_saved.py --self-test     # the rules reproduce the real Keras 3 files
    /usr/bin/python3 tools/keras-files/verify_saved.py --examples      # expected layout of an MLP, a CNN, an LSTM

What is checked (each rule from Keras 3's own saving code, keras/src/saving/saving_lib.py and
serialization_lib.py, and from the real Keras 3.5-3.15 files under src/test/resources/keras-files):

1. The zip holds `metadata.json`, `config.json` and `model.weights.h5` (and optionally `assets/...`), nothing else.
   Keras writes them in that order, uncompressed (ZIP_STORED).
2. metadata.json is exactly {"keras_version": "3.x.y", "date_saved": "YYYY-MM-DD@HH:MM:SS"}.
3. config.json: the model entry has module, class_name, config, registered_name and, when built, build_config
   ({"input_shape": [...]}); compile_config when compiled. Each layer entry has module, class_name, config,
   registered_name, and build_config when the layer is built (InputLayer has none); functional layers also have
   name and inbound_nodes in Keras 3 syntax ([{"args": [{"class_name": "__keras_tensor__", "config": {"shape",
   "dtype", "keras_history": [layer, node, tensor]}}], "kwargs": {}}]). From Keras 3.4 a layer's dtype is a
   DTypePolicy dict ({"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
   "registered_name": null}); before, the string "float32". InputLayer keeps a string dtype and batch_shape.
4. model.weights.h5: a layer's variables are datasets `layers/<snake_case(class)>[_N]/vars/<i>` (N counts the
   earlier layers of the same class in the model's layer list, 1 for the second; the layer's *name* is not
   used), in the layer's variable order; recurrent layers keep theirs in `layers/<p>/cell/vars/<i>`;
   Bidirectional in `layers/bidirectional/forward_layer/cell/vars` and `.../backward_layer/cell/vars`;
   the optimizer's in `optimizer/vars/<i>`: 0 = iterations (int64 scalar), 1 = learning_rate (float32 scalar),
   then the slot variables per trainable variable in order (Adam: momentum, velocity). Keras 3.0-3.9 create a
   `vars` group for every layer, the model and the optimizer even when empty; from 3.6 each such group has the
   attribute `name` = the object's name; 3.10+ still create it for named objects. Keras *reads* a missing
   `vars` group as "no variables", so leaving empty groups out is accepted (reported as a note).
Exit status 0 when nothing is wrong (notes are not errors), 1 otherwise.
"""
import io
import json
import os
import re
import sys
import zipfile

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference import snake_case  # noqa: E402  (Keras's to_snake_case, also used by the numpy reference)

FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "src", "test", "resources", "keras-files"))
ENTRIES = ["metadata.json", "config.json", "model.weights.h5"]
LAYER_KEYS = {"module", "class_name", "config", "registered_name"}
RECURRENT = {"LSTM", "GRU", "SimpleRNN"}
OPTIMIZER_SLOTS = {"Adam": 2, "AdamW": 2, "Adamax": 2, "Adadelta": 2, "Adagrad": 1, "Lion": 1, "Ftrl": 2}


class KerasArchive:
    def __init__(self, path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.names = [i.filename for i in self.infos]
            self.metadata = json.loads(archive.read("metadata.json"))
            self.config = json.loads(archive.read("config.json"))
            raw = archive.read("model.weights.h5")
        self.datasets, self.groups = {}, {}
        with h5py.File(io.BytesIO(raw), "r") as f:
            self.root_attrs = dict(f.attrs)

            def visit(name, obj):
                if isinstance(obj, h5py.Dataset):
                    self.datasets[name] = (tuple(obj.shape), str(obj.dtype))
                else:
                    self.groups[name] = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in obj.attrs.items()}
            f.visititems(visit)

    def version(self):
        parts = re.match(r"(\d+)\.(\d+)", str(self.metadata.get("keras_version", "")))
        return (int(parts.group(1)), int(parts.group(2))) if parts else (0, 0)

    def layers(self):
        return self.config.get("config", {}).get("layers", [])


# ------------------------------------------------------------------------------------------------ expected layout

def _in_features(layer, axis=-1):
    shape = (layer.get("build_config") or {}).get("input_shape")
    if shape is None:
        return None
    if isinstance(shape[0], list):         # several inputs
        shape = shape[0]
    return shape[axis]


def layer_variables(layer):
    """[(suffix, shape, trainable)] of a layer's variables in Keras 3's order; suffix is relative to its group."""
    cls, cfg = layer["class_name"], layer["config"]
    fin = _in_features(layer)
    bias = cfg.get("use_bias", True)
    if cls == "Dense":
        out = [("vars/0", (fin, cfg["units"]), True)]
        return out + ([("vars/1", (cfg["units"],), True)] if bias else [])
    if cls in ("Conv1D", "Conv2D", "Conv3D"):
        channels_first = cfg.get("data_format") == "channels_first"
        fin = _in_features(layer, 1 if channels_first else -1)
        out = [("vars/0", tuple(cfg["kernel_size"]) + (fin, cfg["filters"]), True)]
        return out + ([("vars/1", (cfg["filters"],), True)] if bias else [])
    if cls == "Embedding":
        return [("vars/0", (cfg["input_dim"], cfg["output_dim"]), True)]
    if cls in ("BatchNormalization", "LayerNormalization"):
        axis = cfg.get("axis", -1)
        axis = axis[0] if isinstance(axis, list) else axis
        n = _in_features(layer, axis)
        names = (["gamma"] if cfg.get("scale", True) else []) + (["beta"] if cfg.get("center", True) else [])
        out = [(None, (n,), True) for _ in names]
        if cls == "BatchNormalization":
            out += [(None, (n,), False), (None, (n,), False)]
        return [(f"vars/{i}", shape, tr) for i, (_, shape, tr) in enumerate(out)]
    if cls in RECURRENT:
        units = cfg["units"]
        gates = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}[cls]
        out = [("cell/vars/0", (fin, gates * units), True), ("cell/vars/1", (units, gates * units), True)]
        if bias:
            shape = (2, 3 * units) if cls == "GRU" and cfg.get("reset_after", True) else (gates * units,)
            out.append(("cell/vars/2", shape, True))
        return out
    if cls == "Bidirectional":
        inner = dict(cfg["layer"])
        inner["build_config"] = layer.get("build_config")
        out = []
        for side in ("forward_layer", "backward_layer"):
            out += [(f"{side}/{suffix}", shape, tr) for suffix, shape, tr in layer_variables(inner)]
        return out
    if cls == "PReLU":
        return [("vars/0", None, True)]       # alpha: input shape with shared axes set to 1
    return []                                 # weightless: Dropout, Flatten, Activation, Reshape, pooling, ...


def expected_layout(config):
    """({dataset path: shape or None}, [trainable variable shapes in order], [group paths of every layer])."""
    datasets, trainable, layer_groups = {}, [], []
    used = {}
    for layer in config.get("config", {}).get("layers", []):
        if layer["class_name"] == "InputLayer":
            continue
        base = snake_case(layer["class_name"])
        n = used.get(base, -1) + 1
        used[base] = n
        group = "layers/" + (base if n == 0 else f"{base}_{n}")
        layer_groups.append(group)
        for suffix, shape, is_trainable in layer_variables(layer):
            datasets[f"{group}/{suffix}"] = shape
            if is_trainable:
                trainable.append(shape)
    return datasets, trainable, layer_groups


def expected_optimizer(config, trainable):
    opt = ((config.get("compile_config") or {}).get("optimizer") or {})
    if not opt:
        return None
    name = opt.get("class_name")
    ocfg = opt.get("config", {})
    if name == "SGD":
        slots = 1 if ocfg.get("momentum", 0) else 0
    elif name == "RMSprop":
        slots = 1 + (1 if ocfg.get("momentum", 0) else 0) + (1 if ocfg.get("centered", False) else 0)
    else:
        slots = OPTIMIZER_SLOTS.get(name)
    if slots is None:
        return {"optimizer/vars/0": (), "optimizer/vars/1": ()}   # only the two scalars are known
    out = {"optimizer/vars/0": (), "optimizer/vars/1": ()}
    i = 2
    for shape in trainable:
        for _ in range(slots):
            out[f"optimizer/vars/{i}"] = shape
            i += 1
    return out


# -------------------------------------------------------------------------------------------------------- checks

def check(archive):
    """(errors, notes) for one archive on its own."""
    errors, notes = [], []
    extra = [n for n in archive.names if n not in ENTRIES and not n.startswith("assets/")]
    if extra:
        errors.append(f"zip has unexpected entries {extra}")
    missing = [n for n in ENTRIES if n not in archive.names]
    if missing:
        errors.append(f"zip lacks {missing}")
    if [n for n in archive.names if n in ENTRIES] != ENTRIES:
        notes.append(f"Keras writes the entries in the order {ENTRIES}; this file has {archive.names}")
    compressed = [i.filename for i in archive.infos if i.compress_type != zipfile.ZIP_STORED]
    if compressed:
        notes.append(f"Keras stores entries uncompressed; compressed here: {compressed}")

    md = archive.metadata
    if set(md) != {"keras_version", "date_saved"}:
        errors.append(f"metadata.json keys {sorted(md)}, expected ['date_saved', 'keras_version']")
    if not re.fullmatch(r"3\.\d+\.\d+\S*", str(md.get("keras_version", ""))):
        errors.append(f"metadata.json keras_version {md.get('keras_version')!r} is not a Keras 3 version")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}", str(md.get("date_saved", ""))):
        errors.append(f"metadata.json date_saved {md.get('date_saved')!r} is not %Y-%m-%d@%H:%M:%S")

    cfg = archive.config
    missing = sorted(LAYER_KEYS - set(cfg))
    if missing:
        errors.append(f"config.json lacks top-level keys {missing}")
    if "build_config" not in cfg:
        notes.append("config.json has no build_config: Keras builds the model only when it is called")
    if "compile_config" not in cfg:
        notes.append("config.json has no compile_config (an uncompiled model)")
    functional = cfg.get("class_name") == "Functional"
    policy = archive.version() >= (3, 4)
    for i, layer in enumerate(archive.layers()):
        where = f"layer {i} ({layer.get('class_name')})"
        missing = sorted(LAYER_KEYS - set(layer))
        if missing:
            errors.append(f"{where} lacks {missing}")
        if functional and not {"name", "inbound_nodes"} <= set(layer):
            errors.append(f"{where} of a Functional model lacks name/inbound_nodes")
        if functional:
            for node in layer.get("inbound_nodes", []):
                if not (isinstance(node, dict) and "args" in node and "kwargs" in node):
                    errors.append(f"{where}: inbound node {str(node)[:80]} is not Keras 3's {{'args', 'kwargs'}}")
        dtype = layer.get("config", {}).get("dtype")
        if layer.get("class_name") == "InputLayer":
            if "batch_shape" not in layer.get("config", {}):
                errors.append(f"{where}: Keras 3 InputLayer config has batch_shape (not batch_input_shape)")
        elif policy and not (isinstance(dtype, dict) and dtype.get("class_name") == "DTypePolicy"):
            errors.append(f"{where}: keras_version {md.get('keras_version')} writes dtype as a DTypePolicy dict; "
                          f"found {dtype!r}")
        elif not policy and isinstance(dtype, dict):
            notes.append(f"{where}: DTypePolicy dict under keras_version {md.get('keras_version')} (3.4+ syntax)")

    want, trainable, layer_groups = expected_layout(cfg)
    opt = expected_optimizer(cfg, trainable)
    if opt:
        want.update(opt)
    have = {path: shape for path, (shape, _) in archive.datasets.items()}
    for path, shape in want.items():
        if path not in have:
            errors.append(f"model.weights.h5 lacks {path} (shape {shape})")
        elif shape is not None and None not in shape and tuple(shape) != have[path]:
            errors.append(f"model.weights.h5 {path} has shape {have[path]}, expected {tuple(shape)}")
    for path in sorted(set(have) - set(want)):
        if path.startswith("optimizer/vars/") and opt and len(opt) == 2:
            continue                            # slots of an optimizer whose slot count is not listed here
        errors.append(f"model.weights.h5 has unexpected dataset {path} {have[path]}")
    if "optimizer/vars/0" in archive.datasets and archive.datasets["optimizer/vars/0"][1] != "int64":
        errors.append(f"optimizer/vars/0 (iterations) is {archive.datasets['optimizer/vars/0'][1]}, Keras writes int64")
    empty = [g + "/vars" for g in layer_groups if g + "/vars" not in archive.groups
             and not any(p.startswith(g + "/") for p in have)]
    if empty:
        notes.append(f"no (empty) vars group for weightless layers {empty}: Keras 3.0-3.9 write one, and read its "
                     "absence as 'no variables'")
    if archive.version() >= (3, 6):
        unnamed = [g for g in archive.groups if g.endswith("vars") and "name" not in archive.groups[g]]
        if unnamed:
            notes.append(f"vars groups without the 'name' attribute Keras 3.6+ writes: {unnamed}")
    return errors, notes


def _keys_diff(where, a, b):
    if set(a) != set(b):
        return [f"{where}: keys only in saved {sorted(set(a) - set(b))}, only in reference {sorted(set(b) - set(a))}"]
    return []


IGNORED_VALUES = {"name", "shared_object_id", "seed", "build_input_shape"}


def compare(saved, ref):
    """Key-by-key differences between a saved archive and a real Keras 3 file of the same architecture."""
    out = []
    out += _keys_diff("metadata.json", saved.metadata, ref.metadata)
    out += _keys_diff("config.json top level", saved.config, ref.config)
    out += _keys_diff("config.json config", saved.config.get("config", {}), ref.config.get("config", {}))
    for key in ("module", "class_name", "registered_name"):
        if saved.config.get(key) != ref.config.get(key):
            out.append(f"config.json {key}: saved {saved.config.get(key)!r}, reference {ref.config.get(key)!r}")
    sl, rl = saved.layers(), ref.layers()
    if [l["class_name"] for l in sl] != [l["class_name"] for l in rl]:
        out.append(f"layer classes differ: saved {[l['class_name'] for l in sl]}, reference {[l['class_name'] for l in rl]}")
    for i, (a, b) in enumerate(zip(sl, rl)):
        where = f"layer {i} ({a['class_name']})"
        out += _keys_diff(where, a, b)
        out += _keys_diff(where + " config", a.get("config", {}), b.get("config", {}))
        for key in ("module", "registered_name"):
            if a.get(key) != b.get(key):
                out.append(f"{where} {key}: saved {a.get(key)!r}, reference {b.get(key)!r}")
        for key in sorted(set(a.get("config", {})) & set(b.get("config", {})) - IGNORED_VALUES):
            va, vb = a["config"][key], b["config"][key]
            if isinstance(va, dict) and isinstance(vb, dict):
                va = {k: v for k, v in va.items() if k != "shared_object_id"}
                vb = {k: v for k, v in vb.items() if k != "shared_object_id"}
            if va != vb:
                out.append(f"{where} config {key}: saved {va!r}, reference {vb!r}")
        if a.get("build_config") != b.get("build_config"):
            out.append(f"{where} build_config: saved {a.get('build_config')}, reference {b.get('build_config')}")
    sw = {p: s for p, (s, _) in saved.datasets.items()}
    rw = {p: s for p, (s, _) in ref.datasets.items()}
    for path in sorted(set(sw) | set(rw)):
        if sw.get(path) != rw.get(path):
            out.append(f"model.weights.h5 {path}: saved {sw.get(path)}, reference {rw.get(path)}")
    for group in sorted(set(saved.groups) | set(ref.groups)):
        if group.endswith("vars") and (group in saved.groups) != (group in ref.groups):
            out.append(f"vars group {group}: {'only in saved' if group in saved.groups else 'only in reference'}")
        elif group.endswith("vars") and set(saved.groups.get(group, {})) != set(ref.groups.get(group, {})):
            out.append(f"vars group {group} attributes: saved {sorted(saved.groups[group])}, "
                       f"reference {sorted(ref.groups[group])}")
    return out


def self_test():
    """The layout rules reproduce every real Keras 3 fixture of standard layers exactly; returns failures."""
    failures = 0
    for rel in ("CDT406-EMG-2/gru_model.keras", "CDT406-EMG-2/reshape_lstm_model.keras",
                "CDT406-EMG-2/lstm_2states_model.keras", "keras-team-keras/masking_lstm_keras_3_8.keras"):
        archive = KerasArchive(os.path.join(FIXTURES, rel))
        errors, notes = check(archive)
        print(f"{rel} (Keras {archive.metadata['keras_version']}): {len(errors)} errors, {len(notes)} notes")
        for line in errors + notes:
            print("   ", line)
        failures += len(errors)
        if compare(archive, archive):
            print("    compare(file, itself) is not empty")
            failures += 1
    return failures


def _layer(cls, input_shape, **cfg):
    return {"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None,
            "build_config": {"input_shape": input_shape}}


EXAMPLES = {
    "Dense MLP: Input(784) -> Dense(64, relu) -> Dropout -> Dense(10, softmax), Adam": [
        _layer("Dense", [None, 784], units=64), _layer("Dropout", [None, 64]), _layer("Dense", [None, 64], units=10)],
    "Conv2D CNN: Input(28, 28, 1) -> Conv2D(32, 3x3) -> BatchNormalization -> MaxPooling2D -> Conv2D(64, 3x3) "
    "-> Flatten -> Dense(10), Adam": [
        _layer("Conv2D", [None, 28, 28, 1], filters=32, kernel_size=[3, 3]),
        _layer("BatchNormalization", [None, 26, 26, 32]), _layer("MaxPooling2D", [None, 26, 26, 32]),
        _layer("Conv2D", [None, 13, 13, 32], filters=64, kernel_size=[3, 3]),
        _layer("Flatten", [None, 11, 11, 64]), _layer("Dense", [None, 7744], units=10)],
    "LSTM: Input(10, 8) -> LSTM(32) -> Dense(1), Adam": [
        _layer("LSTM", [None, 10, 8], units=32), _layer("Dense", [None, 32], units=1)],
}


def examples():
    """The expected model.weights.h5 datasets of three small architectures, by the rules above."""
    for title, layers in EXAMPLES.items():
        config = {"config": {"layers": layers}, "compile_config": {"optimizer": {"class_name": "Adam"}}}
        datasets, trainable, groups = expected_layout(config)
        datasets.update(expected_optimizer(config, trainable))
        print(f"{title}\n  vars groups (possibly empty): {groups}")
        for path, shape in datasets.items():
            print(f"  {path} {tuple(shape) if shape is not None else '?'}")


def main(argv):
    if "--self-test" in argv:
        return 1 if self_test() else 0
    if "--examples" in argv:
        examples()
        return 0
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    saved = KerasArchive(argv[0])
    errors, notes = check(saved)
    for line in errors:
        print("ERROR", line)
    for line in notes:
        print("note ", line)
    if "--reference" in argv:
        ref = KerasArchive(argv[argv.index("--reference") + 1])
        diffs = compare(saved, ref)
        for line in diffs:
            print("DIFF ", line)
        errors += diffs
    print(f"{len(errors)} errors/differences, {len(notes)} notes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
