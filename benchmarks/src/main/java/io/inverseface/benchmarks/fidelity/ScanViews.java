package io.inverseface.benchmarks.fidelity;

import static io.inverseface.benchmarks.fidelity.BackgroundKind.CLUTTERED;
import static io.inverseface.benchmarks.fidelity.BackgroundKind.FLAT;
import static io.inverseface.benchmarks.fidelity.BackgroundKind.NOISY;
import static io.inverseface.benchmarks.fidelity.LightSetup.SIDE;
import static io.inverseface.benchmarks.fidelity.LightSetup.SOFT;
import static io.inverseface.benchmarks.fidelity.LightSetup.TOP;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's view grids: a hand-picked, balanced subset of lights × yaw {0, ±20, ±35, ±50} × pitch
 * {0, ±15} × backgrounds (each light and background at every yaw band, both yaw signs), at two fields of
 * view: {@value #NARROW_FOV}° (a portrait lens) and {@value #WIDE_FOV}° (a phone camera at arm's length).
 */
public final class ScanViews {
    public static final double NARROW_FOV = 30, WIDE_FOV = 50;

    private ScanViews() {
    }

    /** 16 poses × 2 fields of view = 32 views. */
    public static List<ScanView> full() {
        List<ScanView> out = new ArrayList<>();
        for (double fov : new double[] {NARROW_FOV, WIDE_FOV}) {
            out.add(ScanView.of(0, 0, fov, SOFT, FLAT));
            out.add(ScanView.of(0, 0, fov, SIDE, NOISY));
            out.add(ScanView.of(0, 0, fov, TOP, CLUTTERED));
            out.add(ScanView.of(0, 15, fov, SIDE, FLAT));
            out.add(ScanView.of(0, -15, fov, SOFT, CLUTTERED));
            out.add(ScanView.of(20, 0, fov, SOFT, CLUTTERED));
            out.add(ScanView.of(-20, 0, fov, SIDE, FLAT));
            out.add(ScanView.of(20, 15, fov, TOP, NOISY));
            out.add(ScanView.of(-20, -15, fov, SOFT, NOISY));
            out.add(ScanView.of(35, 0, fov, SIDE, CLUTTERED));
            out.add(ScanView.of(-35, 0, fov, TOP, FLAT));
            out.add(ScanView.of(35, -15, fov, SOFT, FLAT));
            out.add(ScanView.of(-35, 15, fov, SIDE, NOISY));
            out.add(ScanView.of(50, 0, fov, SOFT, NOISY));
            out.add(ScanView.of(-50, 0, fov, TOP, CLUTTERED));
            out.add(ScanView.of(50, 15, fov, SIDE, FLAT));
        }
        return out;
    }

    /** 8 poses at {@value #NARROW_FOV}° and 4 of them again at {@value #WIDE_FOV}° = 12 views. */
    public static List<ScanView> quick() {
        List<ScanView> out = new ArrayList<>();
        out.add(ScanView.of(0, 0, NARROW_FOV, SOFT, FLAT));
        out.add(ScanView.of(0, 0, NARROW_FOV, SIDE, NOISY));
        out.add(ScanView.of(0, 0, NARROW_FOV, TOP, CLUTTERED));
        out.add(ScanView.of(20, 0, NARROW_FOV, SOFT, CLUTTERED));
        out.add(ScanView.of(-20, 0, NARROW_FOV, SIDE, FLAT));
        out.add(ScanView.of(35, 0, NARROW_FOV, SIDE, CLUTTERED));
        out.add(ScanView.of(-35, 15, NARROW_FOV, TOP, FLAT));
        out.add(ScanView.of(50, 0, NARROW_FOV, SOFT, NOISY));
        out.add(ScanView.of(0, 0, WIDE_FOV, SOFT, FLAT));
        out.add(ScanView.of(-20, 0, WIDE_FOV, SIDE, FLAT));
        out.add(ScanView.of(35, -15, WIDE_FOV, SOFT, FLAT));
        out.add(ScanView.of(-50, 0, WIDE_FOV, TOP, CLUTTERED));
        return out;
    }

    /** The CI pair: frontal soft light and 20° yaw under the side light, {@value #NARROW_FOV}°. */
    public static List<ScanView> smoke() {
        return List.of(ScanView.of(0, 0, NARROW_FOV, SOFT, FLAT), ScanView.of(20, 0, NARROW_FOV, SIDE, FLAT));
    }
}
