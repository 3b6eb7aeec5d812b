package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

/** Config checks the image preprocessing layers share. */
final class ImageLayers {
    private ImageLayers() {
    }

    /** Refuses a saved {@code data_format} other than channels-last, kerasj's only image layout. */
    static void channelsLast(String owner, ConfigReader r) {
        Object f = r.raw("data_format");
        if (f != null && !"channels_last".equals(f)) {
            throw new IllegalArgumentException("Invalid " + owner + " config: only data_format=\"channels_last\" is "
                    + "supported. Received: data_format=" + f);
        }
    }

    /** A saved {@code seed}: an integer or null. */
    static Long seed(ConfigReader r) {
        Object s = r.raw("seed");
        return s == null ? null : ((Number) s).longValue();
    }
}
