/**
 * The {@code kerasj} command line (picocli): {@code train}, {@code summary}, {@code evaluate},
 * {@code predict}, {@code datasets}, {@code backend}. Each command is a {@code Callable<Integer>}; exit
 * codes live in {@link dev.kerasj.cli.ExitCodes}; the recipes and their defaults live in
 * {@code dev.kerasj.models}.
 *
 * <pre>{@code
 * java -jar target/kerasj.jar train mnist-mlp --epochs 3
 * }</pre>
 */
package dev.kerasj.cli;
