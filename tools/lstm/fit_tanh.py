# Fits the rational tanh approximation of kerasj's LSTM kernel (api/dev/kerasj/internal/dl4j/layers/LstmKernel.java):
#   tanh(x) ~ x * P(x^2) / Q(x^2) on [-9, 9] (clamped outside: tanh(9) rounds to 1 in float32),
#   P of degree 6, Q of degree 3 with Q(0) = 1, by Loeb's iteratively linearised least squares on the relative error with
#   Lawson-style reweighting towards minimax, then checked in float32 arithmetic (Horner, as the Java code evaluates it).
# Run: python3 tools/lstm/fit_tanh.py  (numpy only). It prints the coefficients and the errors the tests assert.
import numpy as np
C = 9.0
x = np.unique(np.concatenate([np.linspace(0, C, 40001)[1:], np.geomspace(1e-6, 0.1, 2001)]))
t = np.tanh(x); s = (x / C) ** 2
nP, nQ = 7, 3
qprev = np.ones_like(x); w = np.ones_like(x)
for it in range(200):
    # minimize sum w * ((x*P(s) - t*Q(s)) / (t*Qprev))^2, Q(s)=1+q1 s+...
    A = np.hstack([np.stack([x * s**k for k in range(nP)], 1), -np.stack([t * s**k for k in range(1, nQ + 1)], 1)])
    d = t * qprev
    A = A / d[:, None]; b = t / d
    sw = np.sqrt(w)
    sol, *_ = np.linalg.lstsq(A * sw[:, None], b * sw, rcond=None)
    p = sol[:nP]; q = np.concatenate([[1.0], sol[nP:]])
    Q = np.polyval(q[::-1], s); P = np.polyval(p[::-1], s)
    qprev = Q
    err = np.abs(x * P / Q / t - 1)
    if it > 20:
        w = w * (1 + 50 * err / err.max()); w /= w.mean()
print("double max rel err", err.max(), "Q min", Q.min())
# convert to z = x^2 coefficients: s = z / C^2
pz = [p[k] / C**(2*k) for k in range(nP)]; qz = [q[k] / C**(2*k) for k in range(nQ + 1)]
def f32(xs):
    xs = xs.astype(np.float32)
    xc = np.minimum(np.maximum(xs, np.float32(-C)), np.float32(C))
    zz = xc * xc
    Pv = np.float32(pz[nP - 1])
    for k in range(nP - 2, -1, -1): Pv = Pv * zz + np.float32(pz[k])
    Qv = np.float32(qz[nQ])
    for k in range(nQ - 1, -1, -1): Qv = Qv * zz + np.float32(qz[k])
    return xc * Pv / Qv
xs = np.concatenate([np.linspace(-20, 20, 4000001), np.linspace(-1e-3, 1e-3, 200001)]).astype(np.float32)
ref = np.tanh(xs.astype(np.float64)); got = f32(xs).astype(np.float64)
rel = np.abs(got - ref) / np.maximum(np.abs(ref), 1e-30)
print("float max rel err", rel.max(), "max abs", np.abs(got - ref).max(), "at", xs[np.argmax(rel)], "max |t|", np.abs(got).max())
cur = (1.0 - 2.0 / (np.exp(2.0 * xs.astype(np.float64)) + 1.0)).astype(np.float32).astype(np.float64)
print("current impl max rel err", (np.abs(cur - ref) / np.maximum(np.abs(ref), 1e-30)).max(), "abs", np.abs(cur-ref).max())
print("pz =", [repr(float(np.float32(v))) for v in pz]); print("qz =", [repr(float(np.float32(v))) for v in qz])
sx = np.linspace(-30, 30, 600001).astype(np.float32)
sref = 1 / (1 + np.exp(-sx.astype(np.float64)))
sg = (np.float32(0.5) * f32(np.float32(0.5) * sx) + np.float32(0.5)).astype(np.float64)
print("sigmoid max abs err", np.abs(sg - sref).max(), "current", np.abs((1/(1+np.exp(-sx.astype(np.float64)))).astype(np.float32) - sref).max())
