package dev.kerasj.bench;

import dev.kerasj.Kerasj;
import dev.kerasj.Model;
import dev.kerasj.applications.ApplicationOptions;
import dev.kerasj.applications.Applications;
import dev.kerasj.internal.dl4j.Dl4jRuntimes;
import dev.kerasj.internal.dl4j.layers.InferenceFusion;
import dev.kerasj.internal.runtime.ModelRuntimes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a forward pass of an application spends its time: the DL4J graph's vertices run one by one in topological
 * order (no workspaces; predict's inference fusions on unless {@code -Dprofile=unfused}), each timed, summed per vertex kind (the layer or vertex class) over REPS passes after one
 * warm-up; the 15 costliest vertices are listed too. An approximation of {@code predict} (which runs the same
 * vertices inside DL4J's workspaces), to show which kinds of layers cost what.
 *
 * <pre>
 * java -cp bench/target/classes:target/classes:$(cat bench/target/classpath.txt) dev.kerasj.bench.ApplicationsProfile \
 *     mobilenet_v2 1 3
 * </pre>
 */
public final class ApplicationsProfile {
    private ApplicationsProfile() {
    }

    private static final boolean CPU = Boolean.getBoolean("profile.cpu");

    /** Wall time, or with {@code -Dprofile.cpu=true} this thread's CPU time (with OMP_NUM_THREADS=1 all the work is
     *  on this thread: a figure the machine's other load moves less). */
    private static long now() {
        return CPU ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "mobilenet_v2";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Kerasj.setRandomSeed(1);
        Model m = Applications.byName(name, ApplicationOptions.defaults());
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 224, 224, 3).muli(2).subi(1);
        m.predict(x, batch);
        ComputationGraph g = (ComputationGraph) Dl4jRuntimes.network(ModelRuntimes.of(m));
        if (!"unfused".equals(System.getProperty("profile"))) {
            // predict's inference fusions on, as predict switches them (the runtime's list, read reflectively)
            try {
                java.lang.reflect.Method f = ModelRuntimes.of(m).getClass().getDeclaredMethod("fusions");
                f.setAccessible(true);
                @SuppressWarnings("unchecked")
                java.util.List<InferenceFusion> fusions = (java.util.List<InferenceFusion>) f.invoke(ModelRuntimes.of(m));
                InferenceFusion.active(fusions, true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, Double> byKind = new TreeMap<>();
        Map<String, Double> byVertex = new HashMap<>();
        double total = 0;
        for (int r = 0; r <= reps; r++) {
            INDArray[] acts = new INDArray[g.getVertices().length];
            for (int idx : g.topologicalSortOrder()) {
                GraphVertex v = g.getVertices()[idx];
                if (v.isInputVertex()) {
                    acts[idx] = x;
                    continue;
                }
                var in = v.getInputVertices();
                INDArray[] ins = new INDArray[in.length];
                for (int k = 0; k < in.length; k++) {
                    ins[k] = acts[in[k].getVertexIndex()];
                }
                long t0 = now();
                for (int k = 0; k < ins.length; k++) {
                    v.setInput(k, ins[k], LayerWorkspaceMgr.noWorkspaces());
                }
                acts[idx] = v.doForward(false, LayerWorkspaceMgr.noWorkspaces());
                double s = (now() - t0) / 1e9;
                if (r > 0) {
                    String kind = v.hasLayer() ? v.getLayer().getClass().getName() : v.getClass().getSimpleName();
                    kind = kind.substring(kind.lastIndexOf('.') + 1);
                    byKind.merge(kind, s / reps, Double::sum);
                    byVertex.merge(v.getVertexName() + " " + kind + " " + java.util.Arrays.toString(acts[idx].shape()),
                            s / reps, Double::sum);
                    total += s / reps;
                }
            }
        }
        System.out.printf("%s batch %d: %.4f s %s per pass over the vertices%n", name, batch, total, CPU ? "CPU" : "wall");
        byKind.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-40s %8.4f s%n", e.getKey(), e.getValue()));
        byVertex.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("    %-70s %8.4f s%n", e.getKey(), e.getValue()));
    }
}
