package dev.kerasj.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * FastConv2DLayer and FastPooling2DLayer compute what DL4J's ConvolutionLayer and SubsamplingLayer
 * compute (outputs, parameter gradients, input gradients) on the same random inputs and parameters.
 */
class FastConvLayersTest {
    /** Agreement to 1e-5 relative to the reference's largest magnitude (at least 1): float rounding. */
    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double err = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= 1e-5 * scale, what + ": max difference " + err + " (scale " + scale + ")");
    }

    private static ConvolutionLayer conv(int k, int[] s, boolean same, int cin, int filters, boolean bias, Activation a) {
        return new ConvolutionLayer.Builder().kernelSize(k, k).stride(s).padding(0, 0).dilation(1, 1)
                .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC)
                .nIn(cin).nOut(filters).hasBias(bias).activation(a).build();
    }

    private static SubsamplingLayer maxPool(int k, int[] s, boolean same) {
        return pool(PoolingType.MAX, k, s, same);
    }

    private static SubsamplingLayer pool(PoolingType type, int k, int[] s, boolean same) {
        return new SubsamplingLayer.Builder(type).avgPoolIncludePadInDivisor(false).kernelSize(k, k).stride(s).padding(0, 0).dilation(1, 1)
                .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NHWC)
                .build();
    }

    private static MultiLayerNetwork single(org.deeplearning4j.nn.conf.layers.Layer layer) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .list().layer(layer).build());
        n.init();
        return n;
    }

    private static Pair<Gradient, INDArray> backprop(MultiLayerNetwork n, INDArray x, INDArray eps) {
        n.setInput(x);
        n.feedForward(true, false);
        Pair<Gradient, INDArray> p = n.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        return new Pair<>(p.getFirst(), p.getSecond().dup());
    }

    @Test
    void copiesTheWholeConfiguration() {
        ConvolutionLayer c = new ConvolutionLayer.Builder().kernelSize(3, 5).stride(2, 1).padding(0, 0).dilation(1, 1)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).nIn(3).nOut(7).hasBias(false)
                .activation(Activation.SIGMOID).l2(0.25).name("c").build();
        FastConv2DLayer f = FastConv2DLayer.of(c, false);
        assertArrayEquals(new int[] {3, 5}, f.getKernelSize());
        assertArrayEquals(new int[] {2, 1}, f.getStride());
        assertEquals(ConvolutionMode.Same, f.getConvolutionMode());
        assertEquals(CNN2DFormat.NHWC, f.getCnn2dDataFormat());
        assertEquals(3, f.getNIn());
        assertEquals(7, f.getNOut());
        assertFalse(f.hasBias());
        assertEquals("c", f.getLayerName());
        assertEquals(c.getActivationFn(), f.getActivationFn());
        assertEquals(c.getRegularization(), f.getRegularization());
        assertFalse(f.inputGradient());
        assertEquals(f, f.clone());
        SubsamplingLayer p = pool(PoolingType.AVG, 3, new int[] {1, 2}, true);
        FastPooling2DLayer fp = FastPooling2DLayer.of(p);
        assertEquals(org.deeplearning4j.nn.conf.layers.PoolingType.AVG, fp.getPoolingType());
        assertArrayEquals(new int[] {1, 2}, fp.getStride());
        assertEquals(ConvolutionMode.Same, fp.getConvolutionMode());
        assertEquals(fp, fp.clone());
    }

    /** {kernel, strideH, strideW, same, cin, bias, batch, relu}. */
    private static final int[][] CONV_CASES = {
            {3, 1, 1, 0, 1, 1, 2, 0},
            {3, 2, 2, 1, 3, 0, 3, 1},
            {5, 1, 1, 1, 3, 1, 4, 0},
            {5, 2, 2, 0, 1, 1, 2, 1},
            {3, 2, 2, 0, 3, 1, 3, 0},
            {5, 2, 2, 1, 1, 0, 2, 0},
            {3, 1, 2, 1, 3, 1, 2, 1},
    };

    @Test
    void conv2dMatchesDl4jsConvolutionLayer() {
        Nd4j.getRandom().setSeed(11);
        for (int[] c : CONV_CASES) {
            String id = java.util.Arrays.toString(c);
            int[] s = {c[1], c[2]};
            Activation a = c[7] == 1 ? Activation.RELU : Activation.TANH;
            ConvolutionLayer conf = conv(c[0], s, c[3] == 1, c[4], 4, c[5] == 1, a);
            MultiLayerNetwork ref = single(conf);
            MultiLayerNetwork fast = single(FastConv2DLayer.of(conf, true));
            assertInstanceOf(FastConv2DLayer.Impl.class, fast.getLayer(0));
            ref.setParams(Nd4j.rand(DataType.FLOAT, ref.params().shape()).subi(0.5));
            fast.setParams(ref.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, c[6], 9, 8, c[4]).subi(0.5);
            INDArray yRef = ref.output(x);
            INDArray yFast = fast.output(x);
            assertClose(yRef, yFast, id + " output");
            INDArray eps = Nd4j.rand(DataType.FLOAT, yRef.shape()).subi(0.5);
            Pair<Gradient, INDArray> gRef = backprop(ref, x, eps);
            Pair<Gradient, INDArray> gFast = backprop(fast, x, eps);
            assertClose(gRef.getSecond(), gFast.getSecond(), id + " input gradient");
            Map<String, INDArray> r = gRef.getFirst().gradientForVariable();
            Map<String, INDArray> f = gFast.getFirst().gradientForVariable();
            assertEquals(r.keySet(), f.keySet(), id);
            for (String k : r.keySet()) {
                assertClose(r.get(k), f.get(k), id + " gradient " + k);
            }
        }
    }

    @Test
    void conv2dGradientsMatchFiniteDifferences() {
        // L = Σ y·r for a "same", stride-2 tanh convolution; central differences in float (step 1e-2)
        Nd4j.getRandom().setSeed(16);
        MultiLayerNetwork n = single(FastConv2DLayer.of(conv(3, new int[] {2, 2}, true, 2, 2, true, Activation.TANH), true));
        n.setParams(Nd4j.rand(DataType.FLOAT, n.params().shape()).subi(0.5));
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 5, 4, 2).subi(0.5);
        INDArray r = Nd4j.rand(DataType.FLOAT, n.output(x).shape()).subi(0.5);
        Pair<Gradient, INDArray> g = backprop(n, x, r);
        INDArray flat = g.getFirst().gradient();   // bias, then the kernel: the order of params()
        float h = 1e-2f;
        for (int i = 0; i < n.params().length(); i++) {
            INDArray p = n.params().dup();
            double v = p.getDouble(i);
            p.putScalar(i, v + h);
            n.setParams(p);
            double up = n.output(x).mul(r).sumNumber().doubleValue();
            p.putScalar(i, v - h);
            n.setParams(p);
            double down = n.output(x).mul(r).sumNumber().doubleValue();
            p.putScalar(i, v);
            n.setParams(p);
            assertEquals((up - down) / (2 * h), flat.getDouble(i), 2e-3, "parameter " + i);
        }
        for (int i = 0; i < x.length(); i++) {
            INDArray xp = x.dup();
            double v = xp.getDouble(i);
            xp.putScalar(i, v + h);
            double up = n.output(xp).mul(r).sumNumber().doubleValue();
            xp.putScalar(i, v - h);
            double down = n.output(xp).mul(r).sumNumber().doubleValue();
            assertEquals((up - down) / (2 * h), g.getSecond().getDouble(i), 2e-3, "input " + i);
        }
    }

    @Test
    void conv2dWithoutInputGradientPassesZerosAndTheSameParameterGradients() {
        Nd4j.getRandom().setSeed(12);
        ConvolutionLayer conf = conv(3, new int[] {1, 1}, false, 2, 3, true, Activation.TANH);
        MultiLayerNetwork ref = single(conf);
        MultiLayerNetwork fast = single(FastConv2DLayer.of(conf, false));
        fast.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 2);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 2, 3, 3, 3);
        Pair<Gradient, INDArray> gRef = backprop(ref, x, eps);
        Pair<Gradient, INDArray> gFast = backprop(fast, x, eps);
        assertEquals(Nd4j.zeros(DataType.FLOAT, 2, 5, 5, 2), gFast.getSecond());
        assertClose(gRef.getFirst().gradient(), gFast.getFirst().gradient(), "flattened gradient");
    }

    /** {pool, strideH, strideW, same, channels, batch}. */
    @Test
    void depthwiseMatchesDl4jsDepthwiseConvolution2D() {
        Nd4j.getRandom().setSeed(12);
        // kernel, stride, same, channels, multiplier, bias, batch, relu
        int[][] cases = {{3, 1, 1, 3, 1, 0, 2, 1}, {3, 2, 0, 4, 1, 1, 1, 0}, {5, 2, 1, 2, 2, 1, 2, 1}, {3, 2, 1, 3, 3, 0, 2, 0},
                {3, 2, 1, 4, 1, 1, 2, 1}, {5, 2, 1, 3, 1, 0, 1, 0}, {5, 1, 1, 5, 1, 1, 2, 1}};   // stride 2 "same", 5×5 (EfficientNet)
        for (int[] c : cases) {
            String id = java.util.Arrays.toString(c);
            org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D conf =
                    new org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D.Builder().kernelSize(c[0], c[0])
                            .stride(c[1], c[1]).padding(0, 0).depthMultiplier(c[4]).dataFormat(CNN2DFormat.NHWC)
                            .convolutionMode(c[2] == 1 ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                            .nIn(c[3]).nOut((long) c[3] * c[4]).hasBias(c[5] == 1)
                            .activation(c[7] == 1 ? Activation.RELU : Activation.TANH).build();
            MultiLayerNetwork ref = single(conf);
            MultiLayerNetwork fast = single(FastDepthwiseConv2DLayer.of(conf));
            assertInstanceOf(FastDepthwiseConv2DLayer.Impl.class, fast.getLayer(0));
            ref.setParams(Nd4j.rand(DataType.FLOAT, ref.params().shape()).subi(0.5));
            fast.setParams(ref.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, c[6], 9, 8, c[3]).subi(0.5);
            INDArray yRef = ref.output(x);
            assertClose(yRef, fast.output(x), id + " output");
            INDArray eps = Nd4j.rand(DataType.FLOAT, yRef.shape()).subi(0.5);
            Pair<Gradient, INDArray> gRef = backprop(ref, x, eps);
            Pair<Gradient, INDArray> gFast = backprop(fast, x, eps);
            assertClose(gRef.getSecond(), gFast.getSecond(), id + " input gradient");
            Map<String, INDArray> r = gRef.getFirst().gradientForVariable();
            for (String k : r.keySet()) {
                assertClose(r.get(k), gFast.getFirst().gradientForVariable().get(k), id + " gradient " + k);
            }
        }
    }

    private static final int[][] POOL_CASES = {
            {2, 2, 2, 0, 1, 2},
            {2, 2, 2, 1, 3, 3},
            {3, 1, 1, 0, 2, 2},
            {3, 2, 2, 1, 2, 4},
            {3, 1, 2, 1, 1, 2},
    };

    @Test
    void pooling2dMatchesDl4jsSubsamplingLayer() {
        Nd4j.getRandom().setSeed(13);
        for (PoolingType type : new PoolingType[] {PoolingType.MAX, PoolingType.AVG}) {
            for (int[] c : POOL_CASES) {
                String id = type + " " + java.util.Arrays.toString(c);
                SubsamplingLayer conf = pool(type, c[0], new int[] {c[1], c[2]}, c[3] == 1);
                MultiLayerNetwork ref = single(conf);
                MultiLayerNetwork fast = single(FastPooling2DLayer.of(conf));
                assertInstanceOf(FastPooling2DLayer.Impl.class, fast.getLayer(0));
                INDArray x = Nd4j.rand(DataType.FLOAT, c[5], 7, 8, c[4]).subi(0.5);
                INDArray yRef = ref.output(x);
                assertClose(yRef, fast.output(x), id + " output");
                INDArray eps = Nd4j.rand(DataType.FLOAT, yRef.shape()).subi(0.5);
                assertClose(backprop(ref, x, eps).getSecond(), backprop(fast, x, eps).getSecond(), id + " input gradient");
            }
        }
    }

    @Test
    void averagePoolingLeavesPaddingOutOfTheDivisorAsKeras() {
        // "same", pool 2, stride 2 over a 1x3 row: windows {x0, x1} and {x2 + padding} -> (x0 + x1) / 2 and x2
        MultiLayerNetwork same = single(FastPooling2DLayer.of(pool(PoolingType.AVG, 2, new int[] {2, 2}, true)));
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 6}).reshape(1, 1, 3, 1);
        assertArrayEquals(new float[] {1.5f, 6}, same.output(x).reshape(2).toFloatVector(), 1e-6f);
        INDArray dx = backprop(same, x, Nd4j.createFromArray(new float[] {4, 5}).reshape(1, 1, 2, 1)).getSecond();
        assertArrayEquals(new float[] {2, 2, 5}, dx.reshape(3).toFloatVector(), 1e-6f);
    }

    @Test
    void maxPoolingRoutesATieToTheFirstMaximumAsKeras() {
        // one 2x2 window of equal values: TensorFlow's MaxPoolGrad sends the whole gradient to the first one
        MultiLayerNetwork fast = single(FastPooling2DLayer.of(maxPool(2, new int[] {2, 2}, false)));
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, 2, 2, 1);
        INDArray dx = backprop(fast, x, Nd4j.valueArrayOf(new long[] {1, 1, 1, 1}, 3f)).getSecond();
        assertArrayEquals(new float[] {3, 0, 0, 0}, dx.reshape(4).toFloatVector());
        // "same" over a 3-wide row with pool 2, stride 2: the last window holds one pixel plus padding;
        // negative values still win over the padding (Keras pads with -inf)
        MultiLayerNetwork same = single(FastPooling2DLayer.of(maxPool(2, new int[] {2, 2}, true)));
        INDArray y = same.output(Nd4j.createFromArray(new float[] {-3, -1, -2}).reshape(1, 1, 3, 1));
        assertArrayEquals(new float[] {-1, -2}, y.reshape(2).toFloatVector());
    }

    /** One-hot labels for {@code n} examples, example i of class {@code i % classes}. */
    private static INDArray oneHot(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return y;
    }

    @Test
    void trainsLikeDl4jsLayers() {
        Nd4j.getRandom().setSeed(14);
        MultiLayerNetwork ref = cnn(false);
        MultiLayerNetwork fast = cnn(true);
        fast.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 8, 8, 1);
        INDArray y = oneHot(6, 3);
        for (int step = 0; step < 4; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
            assertEquals(ref.score(), fast.score(), 1e-5, "score at step " + step);
        }
        assertClose(ref.params(), fast.params(), "parameters after 4 Adam steps");
    }

    @Test
    void frozenConvKeepsItsWeightsAndPassesGradientsLikeDl4jsLayer() {
        Nd4j.getRandom().setSeed(15);
        MultiLayerNetwork ref = frozenCnn(false);
        MultiLayerNetwork fast = frozenCnn(true);
        fast.setParams(ref.params().dup());
        INDArray frozenBefore = fast.getLayer(1).params().dup();
        INDArray firstBefore = fast.getLayer(0).params().dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 8, 2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        for (int step = 0; step < 3; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
        }
        assertEquals(frozenBefore, fast.getLayer(1).params());
        assertNotEquals(firstBefore, fast.getLayer(0).params());   // trained through the frozen layer's input gradient
        assertClose(ref.params(), fast.params(), "parameters after 3 Adam steps");
    }

    @Test
    void reusedWorkArraysLeaveNothingStaleAcrossBatchSizesAndNetworks() {
        // the layers reuse per-thread work arrays (and max pooling its argmax array): batches of changing sizes,
        // "same" padding (im2col's padded entries must be 0 again each time) and a second network using the same
        // arrays in between must still train as DL4J's own layers do
        Nd4j.getRandom().setSeed(16);
        MultiLayerNetwork ref = paddedCnn(false);
        MultiLayerNetwork fast = paddedCnn(true);
        fast.setParams(ref.params().dup());
        MultiLayerNetwork otherRef = cnn(false);
        MultiLayerNetwork other = cnn(true);
        other.setParams(otherRef.params().dup());
        int[] batches = {9, 2, 5, 9, 1, 4};
        for (int step = 0; step < batches.length; step++) {
            int b = batches[step];
            INDArray x = Nd4j.rand(DataType.FLOAT, b, 9, 9, 2).subi(0.5).muli(step % 2 == 0 ? 40 : 1);
            INDArray y = Nd4j.zeros(DataType.FLOAT, b, 3);
            for (int i = 0; i < b; i++) {
                y.putScalar(i, (i + step) % 3, 1.0);
            }
            ref.fit(x, y);
            fast.fit(x, y);
            assertEquals(ref.score(), fast.score(), 1e-4 * Math.max(1, Math.abs(ref.score())), "score at step " + step);
            assertClose(ref.output(x), fast.output(x), "output at step " + step);
            INDArray x2 = Nd4j.rand(DataType.FLOAT, 7 - b / 2, 8, 8, 1).muli(100);
            assertClose(otherRef.output(x2), other.output(x2), "other network's output at step " + step);
        }
        assertClose(ref.params(), fast.params(), "parameters after " + batches.length + " Adam steps");
    }

    /**
     * "Same" conv with input gradient → overlapping "same" max pool → strided "same" conv → "same" average pool →
     * softmax output: every padded and overlapping case of the Java loops in one network.
     */
    private static MultiLayerNetwork paddedCnn(boolean fast) {
        ConvolutionLayer c0 = conv(3, new int[] {1, 1}, true, 2, 4, true, Activation.RELU);
        SubsamplingLayer p0 = maxPool(3, new int[] {2, 2}, true);
        ConvolutionLayer c1 = conv(3, new int[] {2, 2}, true, 4, 5, true, Activation.RELU);
        SubsamplingLayer p1 = pool(PoolingType.AVG, 2, new int[] {2, 2}, true);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(fast ? FastConv2DLayer.of(c0, true) : c0)
                .layer(fast ? FastPooling2DLayer.of(p0) : p0)
                .layer(fast ? FastConv2DLayer.of(c1, true) : c1)
                .layer(fast ? FastPooling2DLayer.of(p1) : p1)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 2, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /** Conv → frozen conv (DL4J's FrozenLayerWithBackprop, as kerasj wraps a non-trainable layer) → output. */
    private static MultiLayerNetwork frozenCnn(boolean fast) {
        ConvolutionLayer c0 = conv(3, new int[] {1, 1}, true, 2, 3, true, Activation.TANH);
        ConvolutionLayer c1 = conv(3, new int[] {2, 2}, false, 3, 4, true, Activation.RELU);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(fast ? FastConv2DLayer.of(c0, false) : c0)
                .layer(new org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop(
                        fast ? FastConv2DLayer.of(c1, true) : c1))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /**
     * The seed CNN's shapes at a batch of 40, and a second convolution: the convolutions' forward passes and the
     * second one's input gradient run in blocks of images, the pooling in blocks too, shared by the two cores.
     * Trains as DL4J's own layers, and two runs from the same start are bit-identical whichever core took which block.
     */
    @Test
    void blocksOfImagesOnBothCoresTrainLikeDl4jsLayersAndRepeatBitForBit() {
        Nd4j.getRandom().setSeed(21);
        MultiLayerNetwork ref = seedCnn(false);
        MultiLayerNetwork fast = seedCnn(true);
        MultiLayerNetwork again = seedCnn(true);
        fast.setParams(ref.params().dup());
        again.setParams(ref.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 28, 28, 1);
        INDArray y = oneHot(40, 10);
        for (int step = 0; step < 3; step++) {
            ref.fit(x, y);
            fast.fit(x, y);
            again.fit(x, y);
            assertEquals(ref.score(), fast.score(), 1e-5, "score at step " + step);
            assertArrayEquals(fast.params().toFloatVector(), again.params().toFloatVector(), "repeat, step " + step);
        }
        assertClose(ref.params(), fast.params(), "parameters after 3 SGD steps");
    }

    private static MultiLayerNetwork seedCnn(boolean fast) {
        ConvolutionLayer c = conv(5, new int[] {1, 1}, false, 1, 32, true, Activation.RELU);
        SubsamplingLayer p = maxPool(2, new int[] {2, 2}, false);
        ConvolutionLayer c2 = conv(3, new int[] {1, 1}, false, 32, 8, true, Activation.RELU);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.1)).list()   // plain steps: Adam would amplify rounding near zero gradients
                .layer(fast ? FastConv2DLayer.of(c, false) : c)
                .layer(fast ? FastPooling2DLayer.of(p) : p)
                .layer(fast ? FastConv2DLayer.of(c2, true) : c2)   // its input gradient in blocks of 8 images
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    /** Conv (first layer: no input gradient) → max pool → conv → softmax output, as kerasj's MNIST CNN. */
    private static MultiLayerNetwork cnn(boolean fast) {
        ConvolutionLayer c0 = conv(3, new int[] {1, 1}, false, 1, 4, true, Activation.RELU);
        SubsamplingLayer p = maxPool(2, new int[] {2, 2}, false);
        ConvolutionLayer c1 = conv(3, new int[] {1, 1}, true, 4, 3, false, Activation.TANH);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(fast ? FastConv2DLayer.of(c0, false) : c0)
                .layer(fast ? FastPooling2DLayer.of(p) : p)
                .layer(fast ? FastConv2DLayer.of(c1, true) : c1)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }
}
