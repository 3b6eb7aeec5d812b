#!/usr/bin/env python3
"""Lists the GPU code inside nd4j-cuda's libnd4jcuda.so and writes one of its fat binaries for probe.cu.

usage: bench/gpu/fatbin.py [JAR] [OUT]
  JAR  the nd4j-cuda-11.6 linux-x86_64 jar (default: the one `mvn -Pcuda` put in ~/.m2)
  OUT  where to write one fat binary holding kernels (default: nd4j_kernels.fatbin)

A CUDA fat binary (section .nv_fatbin) is a list of images, each either machine code (ELF, "sm_XY",
runs only on GPUs of that major version) or PTX (compiled by the driver for newer GPUs). A library
that holds no PTX and no machine code for a GPU's compute capability cannot launch kernels there.
"""
import collections
import glob
import io
import os
import struct
import sys
import zipfile

MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "ELF"}


def section(elf, name):
    """(offset, size) of the ELF64 section called name."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    strtab_off, = struct.unpack_from("<Q", elf, shoff + shstrndx * shentsize + 0x18)
    for i in range(shnum):
        h = shoff + i * shentsize
        name_off, = struct.unpack_from("<I", elf, h)
        end = elf.index(b"\0", strtab_off + name_off)
        if elf[strtab_off + name_off:end].decode() == name:
            off, size = struct.unpack_from("<QQ", elf, h + 0x18)
            return off, size
    raise SystemExit(f"no section {name}")


def fatbins(elf):
    """(offset, length) of each fat binary in .nv_fatbin."""
    off, size = section(elf, ".nv_fatbin")
    p, end = off, off + size
    while p < end:
        magic, _, header, length = struct.unpack_from("<IHHQ", elf, p)
        if magic != MAGIC:
            p += 8
            continue
        yield p, header + length
        p += header + length


def images(blob):
    """(kind, sm, bytes) of each image in one fat binary."""
    _, _, header, length = struct.unpack_from("<IHHQ", blob, 0)
    q = header
    while q < header + length:
        kind, _, image_header, size = struct.unpack_from("<HHIQ", blob, q)
        sm, = struct.unpack_from("<I", blob, q + 28)
        yield KINDS.get(kind, str(kind)), sm, size
        q += image_header + size


def main():
    jars = glob.glob(os.path.expanduser(
        "~/.m2/repository/org/nd4j/nd4j-cuda-11.6/*/nd4j-cuda-11.6-*-linux-x86_64.jar"))
    jar = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else (jars[0] if jars else None)
    if not jar:
        raise SystemExit("no nd4j-cuda-11.6 linux-x86_64 jar: run `mvn -Pcuda -DskipTests package` once, or pass JAR")
    out = sys.argv[2] if len(sys.argv) > 2 else "nd4j_kernels.fatbin"
    with zipfile.ZipFile(jar) as z:
        name = next(n for n in z.namelist() if n.endswith("/libnd4jcuda.so"))
        elf = z.read(name)
    count = collections.Counter()
    total = collections.Counter()
    blobs = list(fatbins(elf))
    for p, n in blobs:
        for kind, sm, size in images(elf[p:p + n]):
            count[(kind, sm)] += 1
            total[(kind, sm)] += size
    print(f"{os.path.basename(jar)}: {name.split('/')[-1]} {len(elf) / 1e6:.0f} MB, {len(blobs)} fat binaries")
    for kind, sm in sorted(count):
        print(f"  {kind} sm_{sm}: {count[(kind, sm)]} images, {total[(kind, sm)] / 1e6:.1f} MB")
    p, n = min(((p, n) for p, n in blobs if n > 1_000_000), key=lambda b: b[1])
    with open(out, "wb") as f:
        f.write(elf[p:p + n])
    print(f"wrote {out} ({n} bytes), one fat binary with kernels, for probe.cu")


if __name__ == "__main__":
    main()
