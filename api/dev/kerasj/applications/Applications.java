package dev.kerasj.applications;

import dev.kerasj.Model;

/**
 * Keras's {@code keras.applications}: the classic ImageNet architectures built layer by layer with Keras's layer
 * names, shapes and parameter counts, so that Keras's weight files load by name. Each method returns a
 * functional {@link Model}; {@code ()} gives Keras's defaults (top included, 1000 classes, 224×224×3 input,
 * random weights), {@code (options)} the other arguments ({@link ApplicationOptions}).
 *
 * <pre>{@code
 * Model classifier = Applications.mobileNetV2();                      // 3,538,984 parameters
 * Model base = Applications.mobileNetV2(ApplicationOptions.defaults()
 *         .includeTop(false).inputShape(160, 160, 3).weights(Path.of("mobilenet_v2_no_top.h5")));
 * base.trainable(false);                                              // then a new head: see docs/applications.md
 * }</pre>
 *
 * <p>Preprocessing per family: {@link MobileNetV2#preprocessInput}, {@link ResNet50#preprocessInput},
 * {@link VGG16#preprocessInput}, {@link EfficientNetB0#preprocessInput}; class names: {@link ImageNet}.
 */
public final class Applications {
    private Applications() {
    }

    /** MobileNetV2 with Keras's defaults (alpha 1.0): 3,538,984 parameters. */
    public static Model mobileNetV2() {
        return mobileNetV2(ApplicationOptions.defaults());
    }

    /** MobileNetV2 with these options (see {@link MobileNetV2}). */
    public static Model mobileNetV2(ApplicationOptions options) {
        return MobileNetV2.build(options);
    }

    /** ResNet50 with Keras's defaults: 25,636,712 parameters. */
    public static Model resNet50() {
        return resNet50(ApplicationOptions.defaults());
    }

    /** ResNet50 with these options (see {@link ResNet50}). */
    public static Model resNet50(ApplicationOptions options) {
        return ResNet50.build(options);
    }

    /** VGG16 with Keras's defaults: 138,357,544 parameters. */
    public static Model vgg16() {
        return vgg16(ApplicationOptions.defaults());
    }

    /** VGG16 with these options (see {@link VGG16}). */
    public static Model vgg16(ApplicationOptions options) {
        return VGG16.build(options);
    }

    /** EfficientNetB0 with Keras's defaults: 5,330,571 parameters. */
    public static Model efficientNetB0() {
        return efficientNetB0(ApplicationOptions.defaults());
    }

    /** EfficientNetB0 with these options (see {@link EfficientNetB0}). */
    public static Model efficientNetB0(ApplicationOptions options) {
        return EfficientNetB0.build(options);
    }

    /**
     * The architecture called {@code name} as Keras's module names spell it ({@code mobilenet_v2}, {@code resnet50},
     * {@code vgg16}, {@code efficientnet_b0}); fails listing the valid names.
     */
    public static Model byName(String name, ApplicationOptions options) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "mobilenet_v2", "mobilenetv2" -> mobileNetV2(options);
            case "resnet50" -> resNet50(options);
            case "vgg16" -> vgg16(options);
            case "efficientnet_b0", "efficientnetb0" -> efficientNetB0(options);
            default -> throw new IllegalArgumentException("Unknown application: '" + name + "'. Valid names are: "
                    + "efficientnet_b0, mobilenet_v2, resnet50, vgg16.");
        };
    }
}
