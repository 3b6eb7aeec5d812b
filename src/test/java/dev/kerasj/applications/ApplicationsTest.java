package dev.kerasj.applications;

import dev.kerasj.Model;
import dev.kerasj.layers.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architectures against Keras's published figures: parameter counts (keras.io/api/applications and each
 * model's {@code summary()}: total, trainable, non-trainable), {@code len(model.layers)} (the input included),
 * layer names and output shapes, with and without the top.
 */
class ApplicationsTest {
    private static final ApplicationOptions NO_TOP = ApplicationOptions.defaults().includeTop(false);

    private static void assertArchitecture(Model m, String name, long params, long trainable, int kerasLayers,
                                           String first, String last, long... outputShape) {
        assertEquals(name, m.name());
        assertEquals(params, m.countParams(), name + " parameters");
        assertEquals(trainable, m.countTrainableParams(), name + " trainable parameters");
        List<Layer> layers = m.layers();
        assertEquals(kerasLayers, layers.size() + 1, name + " len(model.layers), the input included");
        assertEquals("input_layer", m.inputNames().get(0));
        assertEquals(first, layers.get(0).name());
        assertEquals(last, layers.get(layers.size() - 1).name());
        assertArrayEquals(outputShape, m.outputShape(), name + " output shape");
    }

    private static void assertLayer(Model m, String name, long... outputShape) {
        assertArrayEquals(outputShape, m.getLayer(name).outputShape(), name);
    }

    @Test
    void mobileNetV2MatchesKeras() {
        Model m = Applications.mobileNetV2();
        assertArchitecture(m, "mobilenetv2_1.00_224", 3_538_984, 3_504_872, 156, "Conv1", "predictions", 1000);
        assertLayer(m, "Conv1", 112, 112, 32);
        assertLayer(m, "expanded_conv_project_BN", 112, 112, 16);
        assertLayer(m, "block_1_pad", 113, 113, 96);            // correct_pad: ((0, 1), (0, 1)) on an even side
        assertLayer(m, "block_1_depthwise", 56, 56, 96);
        assertLayer(m, "block_2_add", 56, 56, 24);
        assertLayer(m, "block_16_project_BN", 7, 7, 320);
        assertLayer(m, "out_relu", 7, 7, 1280);
        assertEquals(864, m.getLayer("Conv1").countParams());
        assertEquals("softmax", m.getLayer("predictions").getConfig().get("activation"));

        Model base = Applications.mobileNetV2(NO_TOP);
        assertArchitecture(base, "mobilenetv2_1.00_224", 2_257_984, 2_223_872, 154, "Conv1", "out_relu", 7, 7, 1280);
        assertArrayEquals(new long[] {1280}, Applications.mobileNetV2(NO_TOP.pooling("avg")).outputShape());
        assertArrayEquals(new long[] {1280}, Applications.mobileNetV2(NO_TOP.pooling("max")).outputShape());
    }

    @Test
    void mobileNetV2WidthMultiplierRoundsToMultiplesOfEight() {
        // alpha 0.35: first conv _make_divisible(11.2, 8) = 16; block 0 projects to _make_divisible(5, 8) = 8;
        // the last conv keeps 1280 (alpha ≤ 1); 96×96 gives a 3×3 final map
        Model m = Applications.mobileNetV2(NO_TOP.alpha(0.35).inputShape(96, 96, 3));
        assertEquals("mobilenetv2_0.35_96", m.name());
        assertLayer(m, "Conv1", 48, 48, 16);
        assertLayer(m, "expanded_conv_project", 48, 48, 8);
        assertLayer(m, "block_16_project", 3, 3, 112);          // int(320·0.35) = 112
        assertLayer(m, "out_relu", 3, 3, 1280);
        Model wide = Applications.mobileNetV2(NO_TOP.alpha(1.4));
        assertLayer(wide, "out_relu", 7, 7, 1792);               // _make_divisible(1280·1.4, 8)
        assertEquals(16, MobileNetV2.makeDivisible(11.2, 8));
        assertEquals(8, MobileNetV2.makeDivisible(5, 8));
        assertEquals(48, MobileNetV2.makeDivisible(44.8, 8));
    }

    @Test
    void resNet50MatchesKeras() {
        Model m = Applications.resNet50();
        assertArchitecture(m, "resnet50", 25_636_712, 25_583_592, 177, "conv1_pad", "predictions", 1000);
        assertLayer(m, "conv1_pad", 230, 230, 3);
        assertLayer(m, "conv1_conv", 112, 112, 64);
        assertLayer(m, "pool1_pool", 56, 56, 64);
        assertLayer(m, "conv2_block1_out", 56, 56, 256);
        assertLayer(m, "conv3_block1_0_conv", 28, 28, 512);
        assertLayer(m, "conv4_block6_out", 14, 14, 1024);
        assertLayer(m, "conv5_block3_out", 7, 7, 2048);
        assertLayer(m, "avg_pool", 2048);
        Model base = Applications.resNet50(NO_TOP);
        assertArchitecture(base, "resnet50", 23_587_712, 23_534_592, 175, "conv1_pad", "conv5_block3_out", 7, 7, 2048);
        assertEquals("max_pool", last(Applications.resNet50(NO_TOP.pooling("max"))).name());
        assertEquals("avg_pool", last(Applications.resNet50(NO_TOP.pooling("avg"))).name());
    }

    @Test
    void vgg16MatchesKeras() {
        Model m = Applications.vgg16();
        assertArchitecture(m, "vgg16", 138_357_544, 138_357_544, 23, "block1_conv1", "predictions", 1000);
        assertLayer(m, "block5_pool", 7, 7, 512);
        assertLayer(m, "flatten", 25088);
        assertEquals(102_764_544, m.getLayer("fc1").countParams());
        Model base = Applications.vgg16(NO_TOP.inputShape(64, 64, 3));
        assertArchitecture(base, "vgg16", 14_714_688, 14_714_688, 19, "block1_conv1", "block5_pool", 2, 2, 512);
        assertArrayEquals(new long[] {512}, Applications.vgg16(NO_TOP.pooling("avg").inputShape(32, 32, 3)).outputShape());
        // Keras allows another input size with the top when no ImageNet weights are loaded: fc1 follows the flatten
        Model small = Applications.vgg16(ApplicationOptions.defaults().inputShape(64, 64, 3).classes(10));
        assertEquals((2 * 2 * 512 + 1) * 4096L, small.getLayer("fc1").countParams());
        assertArrayEquals(new long[] {10}, small.outputShape());
    }

    @Test
    void efficientNetB0MatchesKeras() {
        Model m = Applications.efficientNetB0();
        assertArchitecture(m, "efficientnetb0", 5_330_571, 5_288_548, 240, "rescaling", "predictions", 1000);
        assertEquals("normalization", m.layers().get(1).name());
        assertEquals(7, m.getLayer("normalization").countParams());   // mean (3), variance (3), count ()
        assertLayer(m, "stem_conv_pad", 225, 225, 3);
        assertLayer(m, "stem_conv", 112, 112, 32);
        assertLayer(m, "block1a_se_reshape", 1, 1, 32);
        assertLayer(m, "block1a_se_excite", 112, 112, 32);
        assertLayer(m, "block2a_dwconv_pad", 113, 113, 96);
        assertLayer(m, "block3a_dwconv_pad", 59, 59, 144);            // 5×5 kernel: ((1, 2), (1, 2))
        assertLayer(m, "block2b_add", 56, 56, 24);
        assertLayer(m, "block6d_add", 7, 7, 192);
        assertLayer(m, "block7a_project_bn", 7, 7, 320);
        assertLayer(m, "top_activation", 7, 7, 1280);
        // drop_connect_rate · b / 16 with b the block index (1a = 0 … 6d = 14)
        assertEquals(0.2 * 14 / 16, ((Number) m.getLayer("block6d_drop").getConfig().get("rate")).doubleValue(), 1e-12);
        Model base = Applications.efficientNetB0(NO_TOP);
        assertArchitecture(base, "efficientnetb0", 4_049_571, 4_007_548, 237, "rescaling", "top_activation", 7, 7, 1280);
    }

    @Test
    void argumentsAreCheckedAsKerasDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Applications.resNet50(NO_TOP.inputShape(31, 64, 3)));
        assertTrue(e.getMessage().contains("at least 32x32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Applications.vgg16(NO_TOP.alpha(0.5)));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NO_TOP.pooling("mean"));
        assertTrue(e.getMessage().contains("pooling"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Applications.byName("resnet18", NO_TOP));
        assertTrue(e.getMessage().contains("mobilenet_v2"), e.getMessage());
        assertEquals("resnet50", Applications.byName("ResNet50", NO_TOP.inputShape(32, 32, 3)).name());
    }

    private static Layer last(Model m) {
        return m.layers().get(m.layers().size() - 1);
    }
}
