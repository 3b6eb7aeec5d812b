package dev.kerasj.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NativeStartupTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(NativeStartup.MAX_PHYSICAL_BYTES);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(NativeStartup.MAX_PHYSICAL_BYTES);
        } else {
            System.setProperty(NativeStartup.MAX_PHYSICAL_BYTES, saved);
        }
    }

    @Test
    void turnsOffJavaCppsPhysicalMemoryCheckUnlessTheUserChoseALimit() {
        System.clearProperty(NativeStartup.MAX_PHYSICAL_BYTES);
        NativeStartup.apply();
        assertEquals("0", System.getProperty(NativeStartup.MAX_PHYSICAL_BYTES));
        System.setProperty(NativeStartup.MAX_PHYSICAL_BYTES, "8g");
        NativeStartup.apply();
        assertEquals("8g", System.getProperty(NativeStartup.MAX_PHYSICAL_BYTES), "the user's value wins");
    }
}
