package dev.kerasj.internal;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * OpenBLAS's kernel family from the CPU flags: the AVX-512 subsets OpenBLAS's SkylakeX kernels use (F, BW, DQ, VL),
 * AVX2 with FMA for Haswell's, nothing for older Intel CPUs and for AMD (left to OpenBLAS).
 */
class OpenBlasCoreTest {
    private static Set<String> flags(String line) {
        return Set.of(line.split(" "));
    }

    @Test
    void intelFlagsNameTheFamily() {
        // this project's VM: family 6 model 207, which OpenBLAS 0.3.19/0.3.21 do not list (they fall back to Prescott)
        assertEquals("SkylakeX", OpenBlasCore.choose("GenuineIntel",
                flags("fpu sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl")));
        assertEquals("Haswell", OpenBlasCore.choose("GenuineIntel", flags("sse2 avx avx2 fma bmi2")));
        assertEquals("Haswell", OpenBlasCore.choose("GenuineIntel", flags("avx2 fma avx512f")));   // no BW/DQ/VL: not SkylakeX
        assertNull(OpenBlasCore.choose("GenuineIntel", flags("sse2 sse4_2 avx")));                 // Sandy Bridge: OpenBLAS knows
        assertNull(OpenBlasCore.choose("GenuineIntel", flags("avx2")));                            // AVX2 without FMA
    }

    @Test
    void amdAndUnknownVendorsAreLeftToOpenBlas() {
        assertNull(OpenBlasCore.choose("AuthenticAMD", flags("avx2 fma avx512f avx512bw avx512dq avx512vl")));
        assertNull(OpenBlasCore.choose(null, flags("avx2 fma")));
    }

    @Test
    void applyIsIdempotentAndKeepsTheUsersChoice() {
        OpenBlasCore.apply();
        String first = OpenBlasCore.applied();
        OpenBlasCore.apply();
        assertEquals(first, OpenBlasCore.applied());
        if (System.getenv(OpenBlasCore.VARIABLE) != null) {
            assertNull(first, "the user's OPENBLAS_CORETYPE is never replaced");
        }
    }
}
