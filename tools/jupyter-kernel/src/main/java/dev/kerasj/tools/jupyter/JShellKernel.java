package dev.kerasj.tools.jupyter;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal Java kernel: cells are split into JShell snippets and run in this JVM (JShell's local
 * execution engine), so the value of a cell's last expression can be rendered with the base kernel's
 * renderers (images as PNG). Supports the {@code %jars PATH_OR_GLOB...} line magic of IJava/JJava (with the
 * {@link #KERASJ_JAR} override) and their {@code display(...)} functions; nothing else (no completion, no Maven
 * magics).
 */
final class JShellKernel extends BaseKernel {
    /**
     * Environment variable: when set, {@code %jars …/kerasj.jar} loads this jar instead, so that a test can run
     * the notebooks against the build under test (e.g. a jar whose manifest Class-Path names target/classes).
     */
    static final String KERASJ_JAR = "KERASJ_JAR";

    private static final String STARTUP = "import static dev.kerasj.tools.jupyter.Display.display;\n"
            + "dev.kerasj.tools.jupyter.Display.useSnippetLoader(new Object() { }.getClass().getClassLoader());\n";

    private final JShell shell;
    private final LanguageInfo languageInfo;

    JShellKernel() throws URISyntaxException {
        shell = JShell.builder().executionEngine("local").build();
        Path self = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        shell.addToClasspath(self.toString());
        languageInfo = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
        try {
            evalCode(STARTUP);
        } catch (Exception e) {
            throw new IllegalStateException("The kernel's start-up code failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "kerasj test kernel (JShell " + Runtime.version() + ")";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        StringBuilder java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("%%")) {
                throw new IllegalArgumentException("Cell magics are not supported by this kernel: " + t);
            } else if (t.startsWith("%")) {
                lineMagic(t.substring(1));
                java.append('\n'); // keep line numbers of later code
            } else {
                java.append(line).append('\n');
            }
        }
        Object value = evalCode(java.toString());
        return value == null ? null : getRenderer().render(value);
    }

    private void lineMagic(String magic) throws Exception {
        String[] words = magic.trim().split("\\s+");
        if (!words[0].equals("jars") && !words[0].equals("classpath")) {
            throw new IllegalArgumentException("Unknown line magic %" + words[0] + ": this kernel supports only %jars.");
        }
        String override = System.getenv(KERASJ_JAR);
        for (int i = 1; i < words.length; i++) {
            String glob = words[i];
            if (override != null && !override.isBlank() && glob.replace('\\', '/').endsWith("/kerasj.jar")) {
                glob = override; // the tests run the notebooks against the classes under test
            }
            int found = 0;
            for (Path p : new GlobFinder(glob).computeMatchingFiles()) {
                shell.addToClasspath(p.toAbsolutePath().toString());
                found++;
            }
            if (found == 0) {
                throw new IllegalArgumentException("%jars: no file matches " + glob + " (working directory "
                        + Path.of("").toAbsolutePath() + ").");
            }
        }
    }

    /** Runs each snippet of {@code code}; returns the last snippet's value when it is an expression, else null. */
    private Object evalCode(String code) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        if (Display.snippetLoader() != null) {
            // Snippet threads inherit it: ServiceLoader-based libraries then see the jars added with %jars.
            Thread.currentThread().setContextClassLoader(Display.snippetLoader());
        }
        try {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = code;
            Snippet last = null;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String source;
                switch (info.completeness()) {
                    case EMPTY:
                        remaining = "";
                        continue;
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        source = info.source();
                        remaining = info.remaining();
                        break;
                    default: // incomplete or unknown: let the compiler say what is wrong
                        source = remaining;
                        remaining = "";
                }
                last = evalSnippet(source);
            }
            return last == null ? null : valueOf(last);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private Snippet evalSnippet(String source) throws Exception {
        Snippet primary = null;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            primary = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompilationException(describeDiagnostics(primary, source));
            }
            if (event.exception() != null) {
                throw toException(event.exception());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                throw new CompilationException("Unresolved references in:\n" + source.strip() + "\n"
                        + describeDiagnostics(primary, source));
            }
        }
        return primary;
    }

    private Object valueOf(Snippet last) throws Exception {
        String name = null;
        if (last instanceof VarSnippet && last.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            name = ((VarSnippet) last).name();
        } else if (last instanceof ExpressionSnippet && last.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            name = ((ExpressionSnippet) last).name();
        }
        if (name == null) {
            return null;
        }
        evalSnippet("dev.kerasj.tools.jupyter.Display.keep(" + name + ");");
        return Display.takeLast();
    }

    private String describeDiagnostics(Snippet snippet, String source) {
        StringBuilder sb = new StringBuilder();
        shell.diagnostics(snippet).forEach((Diag d) -> {
            long pos = Math.max(0, d.getStartPosition());
            String before = source.substring(0, (int) Math.min(pos, source.length()));
            int line = before.split("\n", -1).length;
            sb.append("line ").append(line).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        });
        if (sb.length() == 0) {
            sb.append("The code could not be compiled:\n").append(source.strip());
        }
        return sb.toString();
    }

    private static Exception toException(jdk.jshell.JShellException e) {
        if (e instanceof EvalException) {
            EvalException ee = (EvalException) e;
            RuntimeException r = new RuntimeException(ee.getExceptionClassName()
                    + (ee.getMessage() == null ? "" : ": " + ee.getMessage()));
            r.setStackTrace(ee.getStackTrace());
            if (ee.getCause() != null) {
                r.initCause(ee.getCause());
            }
            return r;
        }
        if (e instanceof UnresolvedReferenceException) {
            return new CompilationException("Unresolved reference: "
                    + ((UnresolvedReferenceException) e).getSnippet().source());
        }
        return e;
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CompilationException) {
            List<String> lines = new ArrayList<>();
            for (String line : e.getMessage().split("\n")) {
                lines.add(errorStyler.primary(line));
            }
            return lines;
        }
        return super.formatError(e);
    }

    void close() {
        shell.close();
    }

    /** A cell that does not compile. */
    static final class CompilationException extends Exception {
        CompilationException(String message) {
            super(message);
        }
    }
}
