package dev.kerasj.bench;

import dev.kerasj.internal.OpenBlasCore;

/** Prints the OpenBLAS kernel family kerasj names for this CPU (nothing when it leaves the choice to OpenBLAS). */
public final class CpuCore {
    private CpuCore() {
    }

    public static void main(String[] args) {
        String core = OpenBlasCore.forThisCpu();
        if (core != null) {
            System.out.println(core);
        }
    }
}
