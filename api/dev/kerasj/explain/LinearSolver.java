package dev.kerasj.explain;

/** Solves the small dense symmetric systems of KernelSHAP's least-squares fit (Gaussian elimination). */
final class LinearSolver {
    private LinearSolver() {
    }

    /**
     * {@code a x = b} by Gaussian elimination with partial pivoting; a singular system (coalitions that do
     * not separate two features) is solved with a tiny ridge added to the diagonal, i.e. the minimum-norm
     * direction in the unseparated features.
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += Math.abs(a[i][i]);
        }
        double[] x = eliminate(copy(a), b.clone(), 1e-12 * Math.max(trace, 1e-300));
        if (x != null) {
            return x;
        }
        double[][] ridged = copy(a);
        for (int i = 0; i < n; i++) {
            ridged[i][i] += 1e-10 * trace / n;
        }
        x = eliminate(ridged, b.clone(), 0);
        if (x == null) {
            throw new IllegalStateException("KernelSHAP's least-squares system is singular; increase nsamples.");
        }
        return x;
    }

    private static double[] eliminate(double[][] a, double[] b, double tiny) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) <= tiny || a[piv][col] == 0) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
