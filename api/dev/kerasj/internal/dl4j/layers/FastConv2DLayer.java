package dev.kerasj.internal.dl4j.layers;

import dev.kerasj.internal.SecondCore;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collection;

/**
 * DL4J's {@link ConvolutionLayer} configuration, instantiating a layer that convolves channels-last
 * images directly: the same numbers as DL4J (to float rounding) without its NHWC→NCHW permutes and
 * 6-D strided im2col.
 *
 * <p>With {@code x} of shape {@code (B, H, W, C)} and {@code F} filters of {@code kh × kw}:
 * <pre>
 * col = im2col(x)                 (B·OH·OW, kh·kw·C)   a Java loop: kh runs of kw·C contiguous floats per row
 * z   = col · K + b               (B·OH·OW, F) = (B, OH, OW, F), K = the kernel as (kh·kw·C, F)
 * dK  = colᵀ · dz,  db = Σ_rows dz,  dx = col2im(dz · Kᵀ)
 * </pre>
 * DL4J keeps the kernel as {@code (F, C, kh, kw)}: {@code K} is a permuted copy made each step (small),
 * and {@code dK} is written back into DL4J's gradient view in its layout, so parameter names, layout,
 * updaters and saved weights are DL4J's. The training forward pass keeps {@code col} and the
 * pre-activation for backprop (DL4J recomputes the whole forward pass there). When no layer below has
 * parameters ({@code inputGradient == false}) the input gradient is skipped and zeros are passed back.
 * A plain ReLU's derivative and the bias gradient are one Java pass over {@code dz}.
 * Output size and "same" padding are DL4J's ({@link NhwcWindows}).
 *
 * <p>Falls back to DL4J's own layer for NCHW data, dilation other than 1, non-float networks, weight
 * noise, masks, images too large for Java arrays and the CUDA backend.
 */
public final class FastConv2DLayer extends ConvolutionLayer {
    private boolean inputGradient = true;

    /** For DL4J's reflection and cloning; use {@link #of}. */
    public FastConv2DLayer() {
    }

    /** A copy of the built configuration {@code conf}, computing the input gradient only when asked. */
    public static FastConv2DLayer of(ConvolutionLayer conf, boolean inputGradient) {
        FastConv2DLayer f = Common.copyFields(conf, new FastConv2DLayer(), ConvolutionLayer.class);
        f.inputGradient = inputGradient;
        return f;
    }

    /** Whether backprop computes the gradient with respect to the input (false: zeros are passed back). */
    public boolean inputGradient() {
        return inputGradient;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return Common.instantiated(new Impl(conf, networkDataType, inputGradient), initializer(), conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastConv2DLayer f && f.inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    /** The layer itself: DL4J's convolution layer with kerasj's NHWC im2col kernels. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer
            implements InputGradientSwitch, InferenceFusion.Head {
        private boolean inputGradient;
        private InferenceFusion fusion;
        private INDArray cachedCol;
        private INDArray cachedZ;
        private INDArray cachedFor;

        Impl(NeuralNetConfiguration conf, DataType dataType, boolean inputGradient) {
            super(conf, dataType);
            this.inputGradient = inputGradient;
        }

        @Override
        public boolean inputGradient() {
            return inputGradient;
        }

        @Override
        public void fuse(InferenceFusion f) {
            fusion = f;
        }

        @Override
        public void inputGradient(boolean on) {
            inputGradient = on;
        }

        private boolean fastPath() {
            ConvolutionLayer c = layerConf();
            int[] d = c.getDilation();
            return Common.fastPaths() && c.getCnn2dDataFormat() == CNN2DFormat.NHWC && d[0] == 1 && d[1] == 1 && dataType == DataType.FLOAT
                    && c.getWeightNoise() == null && maskArray == null && input != null && input.rank() == 4
                    && input.size(3) == c.getNIn() && windows().fitsJavaArrays();
        }

        private NhwcWindows windows() {
            ConvolutionLayer c = layerConf();
            return NhwcWindows.of(input, c.getKernelSize(), c.getStride(), c.getPadding(), convolutionMode);
        }

        /** The kernel as the {@code (kh·kw·C, F)} matrix of im2col's column order. */
        private INDArray kernelMatrix(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            return w.permute(2, 3, 1, 0).dup('c').reshape('c', w.size(2) * w.size(3) * w.size(1), w.size(0));
        }

        /**
         * {@code (col, z)}: the im2col matrix and the pre-activation {@code (B, OH, OW, F)} (ACTIVATIONS); with
         * {@code fused}, the convolution → BatchNormalization → activation of the inference fusion instead of the
         * pre-activation. A 1×1 kernel with stride 1 and no padding reads the image itself as the matrix.
         */
        private INDArray[] forward(boolean training, ArrayType colType, LayerWorkspaceMgr workspaceMgr, boolean fused,
                                   boolean addBias) {
            assertInputSet(false);
            validateInputRank();
            validateInputDepth(layerConf().getNIn());
            NhwcWindows g = windows();
            INDArray col;
            if (g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.oh == g.h && g.ow == g.w) {
                INDArray dense = DenseFloats.dense(input);
                col = (dense == input ? input : workspaceMgr.dup(colType, dense, 'c')).reshape('c', g.rows(), g.patch());
            } else {
                col = workspaceMgr.createUninitialized(colType, DataType.FLOAT, new long[] {g.rows(), g.patch()}, 'c');
                im2col(g, col);
            }
            long filters = layerConf().getNOut();
            INDArray b = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
            INDArray z;
            if (fused) {
                // z = col · K, then one Java pass: z · scale + folded bias, clamped (ND4J's small ops cost more).
                // A 1×1 kernel (F, C, 1, 1) is Kᵀ already: the product reads DL4J's weights as they are.
                z = InferenceFusion.output(new long[] {g.rows(), filters}, workspaceMgr);
                INDArray k;
                boolean transposed = g.kh == 1 && g.kw == 1;
                if (transposed) {
                    k = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, false, workspaceMgr).reshape('c', filters, g.c);
                } else {
                    k = kernelMatrix(false, workspaceMgr);
                }
                // the rows of the product are independent: halves on two cores when BLAS runs one thread per call
                long rows = g.rows();
                int parts = rows * g.patch() * filters >= (1L << 21) && rows >= 64 && Parallel.blasOnTwoCores() ? 2 : 1;
                Parallel.rows(parts, Parallel.MIN_WORK, p -> {
                    long r0 = rows * p / parts;
                    long r1 = rows * (p + 1) / parts;
                    INDArray a = parts == 1 ? col : col.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
                    INDArray c = parts == 1 ? z : z.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
                    DirectGemm.gemm(a, k, c, false, transposed);
                });
                float[] scale = fusion.scale();
                fusion.finish(z, scale, fusion.bias(scale, b));
            } else {
                z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {g.rows(), filters}, 'c');
                DirectGemm.gemm(col, kernelMatrix(training, workspaceMgr), z, false, false);
                if (b != null && addBias) {
                    z.addiRowVector(b.reshape(filters));
                }
            }
            return new INDArray[] {col, z.reshape('c', g.outputShape(filters))};
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (!fastPath()) {
                return super.preOutput(training, forBackprop, workspaceMgr);
            }
            return new Pair<>(forward(training, ArrayType.FF_WORKING_MEM, workspaceMgr, false, true)[1], null);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            cachedCol = null;
            cachedZ = null;
            cachedFor = null;
            boolean fast = fastPath();
            boolean fused = fusion != null && fusion.begin(training, fast);
            if (!fast) {
                return super.activate(training, workspaceMgr);
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            // the activations workspace lives until backprop has finished
            // training with a plain ReLU: bias and ReLU in one Java pass (ReluPasses); the output serves backprop
            boolean reluPass = training && !fused && ReluPasses.plain(layerConf());
            INDArray[] cz = reluPass ? reluForwardInBlocks(workspaceMgr) : null;
            if (cz != null) {
                cachedCol = cz[0];
                cachedZ = cz[1];
                cachedFor = input;
                ReluHandoff.produced(cz[1]);
                return cz[1];
            }
            cz = forward(training, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, workspaceMgr,
                    fused, !reluPass);
            INDArray z = cz[1];
            if (fused) {
                return z;   // the layer's own activation is linear
            }
            if (reluPass) {
                int f = (int) layerConf().getNOut();
                int rows = (int) (z.length() / f);
                cachedCol = cz[0];
                cachedZ = z;   // no layer changes its input in training (its own backprop reads it)
                cachedFor = input;
                ReluPasses.forward(z, hasBias() ? DenseFloats.read(getParam(ConvolutionParamInitializer.BIAS_KEY)) : null,
                        null, rows, f);
                ReluHandoff.produced(z);
                return z;
            }
            if (training) {
                cachedCol = cz[0];
                cachedZ = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);   // the activation overwrites z in place
                cachedFor = input;
            }
            return layerConf().getActivationFn().getActivation(z, training);
        }

        /** Bytes of im2col rows and output rows that one block of images keeps in the cache. */
        static final int BLOCK_BYTES = 1 << 20;

        /** Whole images per block: their im2col rows and {@code filters} outputs a row within {@link #BLOCK_BYTES}. */
        private static int imagesPerBlock(NhwcWindows g, int filters) {
            return (int) Math.max(1, Math.min(g.batch, BLOCK_BYTES / (4L * g.oh * g.ow * (g.patch() + filters))));
        }

        /**
         * The training forward pass with a plain ReLU, a block of whole images at a time: its im2col rows, their
         * product with the kernel and the bias and ReLU pass, while the block's rows are in the cache (the whole
         * matrices went through memory three times), the blocks shared by the two cores
         * ({@link SecondCore#forEachPiece}: fixed blocks, so the values do not depend on which core runs one).
         * {@code {col, y}} (ACTIVATIONS, both kept for backprop; y the ReLU's output), or null where the im2col
         * path or the row-range product does not apply (the caller then runs {@link #forward}).
         */
        private INDArray[] reluForwardInBlocks(LayerWorkspaceMgr workspaceMgr) {
            NhwcWindows g = windows();
            if (g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.oh == g.h && g.ow == g.w) {
                return null;   // the image is its own im2col matrix
            }
            assertInputSet(false);
            validateInputRank();
            validateInputDepth(layerConf().getNIn());
            int rows = g.rows();
            int patch = g.patch();
            int f = (int) layerConf().getNOut();
            INDArray k = kernelMatrix(true, workspaceMgr);
            INDArray col = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {rows, patch}, 'c');
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {rows, f}, 'c');
            if (!DirectGemm.takesRowRanges(col, k, z)) {
                return null;
            }
            float[] x = DenseFloats.read(input, Scratch.floats(Scratch.INPUT, (int) input.length()));   // read by both cores
            float[] bias = hasBias() ? DenseFloats.read(getParam(ConvolutionParamInitializer.BIAS_KEY)) : null;
            DenseFloats.Blocks colOut = DenseFloats.Blocks.writing(col);
            DenseFloats.Blocks zIn = DenseFloats.Blocks.reading(z);
            DenseFloats.Blocks zOut = DenseFloats.Blocks.writing(z);
            int perImage = g.oh * g.ow;
            int images = imagesPerBlock(g, f);
            SecondCore.forEachPiece((g.batch + images - 1) / images, piece -> {
                int r0 = piece * images * perImage;
                int r1 = Math.min(rows, r0 + images * perImage);
                float[] part = Scratch.floats(Scratch.PART, (r1 - r0) * patch);
                g.im2col(x, r0, r1, part);
                colOut.write(part, (r1 - r0) * patch, (long) r0 * patch);
                DirectGemm.gemmRows(col, k, z, r0, r1);
                ReluPasses.forwardRows(zIn, zOut, null, bias, r0, r1, f);
            });
            return new INDArray[] {col, z.reshape('c', g.outputShape(f))};
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray col = cachedCol;
            INDArray z = cachedZ;
            boolean cached = col != null && cachedFor == input;
            cachedCol = null;
            cachedZ = null;
            cachedFor = null;
            if (!fastPath()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            if (!cached) {
                INDArray[] cz = forward(true, ArrayType.BP_WORKING_MEM, workspaceMgr, false, true);
                col = cz[0];
                z = cz[1];
            }
            NhwcWindows g = windows();
            long filters = layerConf().getNOut();
            IActivation afn = layerConf().getActivationFn();
            INDArray delta;
            INDArray biasSum = null;
            if (cached && ReluPasses.plain(layerConf()) && ReluHandoff.isMasked(epsilon, z)) {
                // the max pooling layer after it applied the ReLU's derivative already (ReluHandoff)
                delta = epsilon.reshape('c', g.rows(), filters);
                if (hasBias()) {
                    biasSum = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {1, filters}, 'c');
                    ReluPasses.columnSums(delta, g.rows(), (int) filters, biasSum);
                }
            } else if (ReluPasses.plain(layerConf())) {
                delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                        new long[] {g.rows(), filters}, 'c');
                if (hasBias()) {
                    biasSum = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {1, filters}, 'c');
                }
                ReluPasses.backprop(z, epsilon, delta, g.rows(), (int) filters, biasSum);
            } else {
                INDArray eps = epsilon.dataType() == DataType.FLOAT ? epsilon : epsilon.castTo(DataType.FLOAT);
                delta = afn.backprop(z, eps).getFirst().reshape('c', g.rows(), filters);
            }

            Gradient ret = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                if (biasSum == null) {
                    // Σ over rows as a (1, rows)·(rows, F) product: ND4J's column sum of a tall array is slow
                    INDArray ones = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                            new long[] {1, g.rows()}, 'c').assign(1);
                    biasSum = ones.mmul(delta);
                }
                biasGrad.assign(biasSum.reshape(biasGrad.shape().clone()));
                ret.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);   // (F, C, kh, kw)
            INDArray dk = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {g.patch(), filters}, 'c');
            INDArray epsNext = inputGradient ? inputGradientInBlocks(g, col, delta, dk, workspaceMgr) : null;
            if (epsNext == null) {
                DirectGemm.gemm(col, delta, dk, true, false);
            }
            weightGrad.assign(dk.reshape('c', g.kh, g.kw, g.c, filters).permute(3, 2, 0, 1));
            ret.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');

            if (epsNext == null && inputGradient) {   // the whole products, where the blocks did not apply
                INDArray dcol = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                        new long[] {g.rows(), g.patch()}, 'c');
                DirectGemm.gemm(delta, kernelMatrix(true, workspaceMgr), dcol, false, true);
                epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                        input.shape().clone(), 'c');
                col2im(g, dcol, epsNext);
            } else if (epsNext == null) {
                epsNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape().clone(), 'c');
            }
            weightNoiseParams.clear();
            epsNext = backpropDropOutIfPresent(epsNext);
            return new Pair<>(ret, epsNext);
        }

        /**
         * The input gradient {@code col2im(δ·Kᵀ)} a block of whole images at a time (each block's rows of δ·Kᵀ go
         * into its own images only, in the same order as over the whole matrix), the blocks and the weight gradient
         * {@code dk = colᵀ·δ} (one product, the first piece) shared by the two cores ({@link SecondCore#forEachPiece}):
         * the same values as one core computes. The input gradient (ACTIVATION_GRAD), with {@code dk} filled; null
         * where the row-range product does not apply (nothing computed: the caller runs the whole products).
         */
        private INDArray inputGradientInBlocks(NhwcWindows g, INDArray col, INDArray delta, INDArray dk,
                                               LayerWorkspaceMgr workspaceMgr) {
            int rows = g.rows();
            int patch = g.patch();
            int f = (int) layerConf().getNOut();
            INDArray kt = kernelMatrix(true, workspaceMgr).transpose();   // (F, patch), column-major
            INDArray dcol = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {rows, patch}, 'c');
            if (!DirectGemm.takesRowRanges(delta, kt, dcol)) {
                return null;
            }
            INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape().clone(), 'c');
            DenseFloats.Blocks dcolIn = DenseFloats.Blocks.reading(dcol);
            DenseFloats.Blocks epsOut = DenseFloats.Blocks.writing(epsNext);
            if (!epsOut.direct()) {
                return null;
            }
            int perImage = g.oh * g.ow;
            int pixels = g.h * g.w * g.c;
            int images = imagesPerBlock(g, f);
            int blocks = (g.batch + images - 1) / images;
            SecondCore.forEachPiece(1 + blocks, piece -> {
                if (piece == 0) {
                    DirectGemm.gemm(col, delta, dk, true, false);
                    return;
                }
                int b0 = (piece - 1) * images;
                int nb = Math.min(images, g.batch - b0);
                int r0 = b0 * perImage;
                int r1 = r0 + nb * perImage;
                DirectGemm.gemmRows(delta, kt, dcol, r0, r1);
                epsOut.write(col2imImages(g, dcolIn, b0, nb), nb * pixels, (long) b0 * pixels);
            });
            return epsNext;
        }

        /**
         * {@code col = im2col(input)}, made in blocks of rows that stay in the cache on their way into the ND4J
         * array (no whole-matrix Java array to zero and copy).
         */
        private void im2col(NhwcWindows g, INDArray col) {
            float[] x = DenseFloats.read(input, Scratch.floats(Scratch.INPUT, (int) input.length()));
            int rows = g.rows();
            int patch = g.patch();
            DenseFloats.Blocks out = DenseFloats.Blocks.writing(col);
            int block = out.rows(rows, patch);
            float[] part = Scratch.floats(Scratch.PART, block * patch);
            for (int r0 = 0; r0 < rows; r0 += block) {
                int r1 = Math.min(rows, r0 + block);
                g.im2col(x, r0, r1, part);
                out.write(part, (r1 - r0) * patch, (long) r0 * patch);
            }
        }

        /** {@code epsNext = col2im(dcol)}, reading {@code dcol} in blocks of rows as {@link #im2col} writes it. */
        private static void col2im(NhwcWindows g, INDArray dcol, INDArray epsNext) {
            DenseFloats.write(col2imImages(g, DenseFloats.Blocks.reading(dcol), 0, g.batch), epsNext);
        }

        /**
         * The input gradient of images {@code [b0, b0 + nb)} from their rows of {@code dcol}, read in cache-sized
         * parts, into the start of this thread's output scratch (returned; its first {@code nb} images' values).
         */
        private static float[] col2imImages(NhwcWindows g, DenseFloats.Blocks dcol, int b0, int nb) {
            int n = nb * g.h * g.w * g.c;
            float[] dx = Scratch.floats(Scratch.OUTPUT, n);
            java.util.Arrays.fill(dx, 0, n, 0f);
            NhwcWindows block = g.images(nb);
            int patch = g.patch();
            int r0 = b0 * g.oh * g.ow;
            int r1 = r0 + nb * g.oh * g.ow;
            int step = dcol.rows(r1 - r0, patch);
            float[] part = Scratch.floats(Scratch.PART, step * patch);
            for (int q0 = r0; q0 < r1; q0 += step) {
                int q1 = Math.min(r1, q0 + step);
                dcol.read((long) q0 * patch, part, (q1 - q0) * patch);
                block.col2im(part, q0 - r0, q1 - r0, dx);
            }
            return dx;
        }

        @Override
        public void clear() {
            super.clear();
            cachedCol = null;
            cachedZ = null;
            cachedFor = null;
        }
    }
}
