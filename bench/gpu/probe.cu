// Can this GPU run nd4j-cuda's kernels? Loads one fat binary taken from libnd4jcuda.so (bench/gpu/fatbin.py
// writes it) with the CUDA driver, and launches a kernel of its own as a control.
//   nvcc -o probe probe.cu -lcuda && ./probe nd4j_kernels.fatbin
// CUDA_ERROR_NO_BINARY_FOR_GPU (209) for the fat binary means ND4J's CUDA backend cannot run on this GPU.
// Built with `-gencode arch=compute_86,code=sm_86` (machine code only, as nd4j's) the control fails the same
// way on a newer GPU, which shows the cause.
#include <cuda.h>
#include <stdio.h>
#include <stdlib.h>
__global__ void k(float *x) { x[threadIdx.x] = 1.0f; }
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
    char *buf = (char*)malloc(n); fread(buf, 1, n, f); fclose(f);
    cuInit(0); CUdevice d; cuDeviceGet(&d, 0); int ma, mi;
    cuDeviceGetAttribute(&ma, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, d);
    cuDeviceGetAttribute(&mi, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, d);
    char name[256]; cuDeviceGetName(name, 256, d);
    printf("device %s, compute capability %d.%d\n", name, ma, mi);
    cudaFree(0);   // the primary context
    CUmodule m; CUresult r = cuModuleLoadFatBinary(&m, buf);
    const char *en, *es; cuGetErrorName(r, &en); cuGetErrorString(r, &es);
    printf("cuModuleLoadFatBinary(libnd4jcuda.so fatbin, %ld bytes): %d %s (%s)\n", n, (int)r, en, es);
    float *x; cudaMalloc(&x, 64 * sizeof(float)); k<<<1, 32>>>(x); cudaError_t e = cudaGetLastError(); if (e == cudaSuccess) e = cudaDeviceSynchronize();
    printf("a kernel of this probe (launch): %s\n", cudaGetErrorString(e));
    return 0;
}
