#!/usr/bin/env python3
"""Lists the constructor arguments of every Keras 3 layer and optimizer class, read from Keras's source with `ast`.

kerasj writes a layer's config into a .keras file with only the keys Keras 3's class accepts (Keras's
Layer.__init__ refuses unknown keyword arguments). Usage, with a checkout of keras-team/keras:

    tools/keras-files/keras3_layer_args.py KERAS_SRC > api/dev/kerasj/internal/keras/keras3-args.json
"""
import ast
import json
import pathlib
import sys

# Layer.__init__'s own keyword arguments (trainable, dtype, autocast, name) and those it lets through.
BASE = ["name", "trainable", "dtype", "autocast", "activity_regularizer", "input_shape", "batch_input_shape",
        "batch_size", "input_dim"]


def main(root):
    out = {"layers": arguments(root, "layers", BASE), "optimizers": arguments(root, "optimizers", ["name"])}
    json.dump(out, sys.stdout, indent=0, sort_keys=True)
    sys.stdout.write("\n")


def arguments(root, package, base):
    classes = {}
    for path in sorted(pathlib.Path(root, "keras/src", package).rglob("*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
            args = None
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    a = item.args
                    args = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs if x.arg != "self"]
            classes[node.name] = {"bases": bases, "args": args}

    def collect(name, seen):
        c = classes.get(name)
        if c is None or name in seen:
            return []
        seen.add(name)
        if c["args"] is not None:
            return list(c["args"])  # a class's own __init__; its **kwargs reach Layer (BASE)
        out = []
        for b in c["bases"]:  # no __init__: the first base's
            out += collect(b, seen)
        return out

    result = {}
    for name in sorted(classes):
        if name.startswith("_") or name.startswith("Base"):
            continue
        args = collect(name, set())
        result[name] = sorted(set(args + base) - {"kwargs", "args"})
    return result


if __name__ == "__main__":
    main(sys.argv[1])
