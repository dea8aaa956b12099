package io.inverseface.optim;

/**
 * A bundle-adjustment-like term: camera (θ, tx, ty, tz) rotates a 3D point about the y axis and
 * translates it, then projects with unit focal length: r = (x'/z' − u, y'/z' − v).
 */
class Reprojection implements Term {
    private final double u;
    private final double v;

    Reprojection(double u, double v) {
        this.u = u;
        this.v = v;
    }

    /** Projects point p with camera c into out[0..1]. */
    static void project(double[] c, double[] p, double[] out) {
        double cs = Math.cos(c[0]);
        double sn = Math.sin(c[0]);
        double xp = cs * p[0] + sn * p[2] + c[1];
        double yp = p[1] + c[2];
        double zp = -sn * p[0] + cs * p[2] + c[3];
        out[0] = xp / zp;
        out[1] = yp / zp;
    }

    @Override
    public int residualCount() {
        return 2;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {4, 3};
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
        double[] c = blocks[0];
        double[] p = blocks[1];
        double cs = Math.cos(c[0]);
        double sn = Math.sin(c[0]);
        double xp = cs * p[0] + sn * p[2] + c[1];
        double yp = p[1] + c[2];
        double zp = -sn * p[0] + cs * p[2] + c[3];
        if (zp <= 1e-9) {
            return false;
        }
        double iz = 1 / zp;
        r[0] = xp * iz - u;
        r[1] = yp * iz - v;
        if (jacobians == null) {
            return true;
        }
        // d(x'/z') = dx'/z' − x'·dz'/z²
        double dxdt = -sn * p[0] + cs * p[2];
        double dzdt = -cs * p[0] - sn * p[2];
        if (jacobians[0] != null) {
            double[] j = jacobians[0];
            j[0] = dxdt * iz - xp * dzdt * iz * iz;
            j[1] = iz;
            j[2] = 0;
            j[3] = -xp * iz * iz;
            j[4] = -yp * dzdt * iz * iz;
            j[5] = 0;
            j[6] = iz;
            j[7] = -yp * iz * iz;
        }
        if (jacobians[1] != null) {
            double[] j = jacobians[1];
            // dx'/dp = (cs, 0, sn), dy'/dp = (0, 1, 0), dz'/dp = (−sn, 0, cs)
            j[0] = cs * iz + xp * sn * iz * iz;
            j[1] = 0;
            j[2] = sn * iz - xp * cs * iz * iz;
            j[3] = yp * sn * iz * iz;
            j[4] = iz;
            j[5] = -yp * cs * iz * iz;
        }
        return true;
    }
}
