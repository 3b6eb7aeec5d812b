package dev.kerasj;

/** Prints {@link Backend#describe()} after {@link Backend#configure()}; run in a fresh JVM by BackendTest. */
public final class BackendProbe {
    private BackendProbe() {
    }

    public static void main(String[] args) {
        Backend.configure();
        System.out.println(Backend.describe());
    }
}
