package dev.kerasj.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cosine similarity loss, negative as Keras: {@code loss = −Σ ŷ_true · ŷ_pred} over the last axis, where
 * {@code x̂ = x / max(‖x‖₂, ε)} (ε = 1e-7). −1 for parallel vectors, 0 for orthogonal, 1 for opposite.
 * Keras's {@code "cosine_similarity"}.
 *
 * <pre>{@code
 * model.compile("adam", new CosineSimilarity())
 * }</pre>
 */
public final class CosineSimilarity extends Loss {
    public CosineSimilarity() {
        super("cosine_similarity");
    }

    /** {@code max(‖x‖₂, ε)} along the last axis, keeping it. */
    private static INDArray norm(INDArray x) {
        INDArray n = Transforms.sqrt(x.mul(x).sum(true, lastAxis(x)), false);
        return Transforms.max(n, EPSILON, false);
    }

    private static INDArray normalize(INDArray x) {
        return x.div(norm(x).broadcast(x.shape()));
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = normalize(labels(yTrue, yPred));
        return normalize(yPred).muli(y).sum(lastAxis(yPred)).negi();
    }

    @Override
    public INDArray gradient(INDArray yTrue, INDArray yPred) {
        int axis = lastAxis(yPred);
        INDArray y = normalize(labels(yTrue, yPred));
        INDArray n = norm(yPred);
        INDArray p = yPred.div(n.broadcast(yPred.shape()));
        // −(ŷ − (ŷ·p̂) p̂) / ‖p‖ where the norm is above ε; −ŷ / ε where it is clamped
        INDArray projected = p.mul(y.mul(p).sum(true, axis).broadcast(p.shape())).muli(n.gt(EPSILON).castTo(n.dataType())
                .broadcast(p.shape()));
        return y.subi(projected).divi(n.broadcast(p.shape())).negi();
    }
}
