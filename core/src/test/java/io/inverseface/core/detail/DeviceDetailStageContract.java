package io.inverseface.core.detail;

import io.inverseface.optim.backend.DeviceTestBase;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticDetailScene;
import io.inverseface.optim.backend.DeviceResidentBackend;
import org.junit.jupiter.api.Test;

/**
 * The detail stage with its L1 solve on a device against the same stage on the CPU, on the synthetic
 * scene of known detail: the displacements agree within {@value #MAX_RELATIVE_DIFFERENCE} (relative RMS)
 * and recover the true detail as well. Subclasses open the backend (PoCL in CI, CUDA where present) or skip.
 */
abstract class DeviceDetailStageContract extends DeviceTestBase {

    static final double MAX_RELATIVE_DIFFERENCE = 0.02;





    @Test
    void deviceDetailMatchesTheCpuDetail() {
        SyntheticDetailScene scene = new SyntheticDetailScene(FaceModels.ictLight(), 1, 0.2);
        DetailOptions options = DetailOptions.builder().build();
        DetailResult cpu = new DetailStage(options).refine(scene.vertices, scene.albedo, scene.regionTriangles,
                scene.lighting, scene.pose, scene.image);
        DetailResult gpu = new DetailStage(options, backend).refine(scene.vertices, scene.albedo, scene.regionTriangles,
                scene.lighting, scene.pose, scene.image);
        float[] a = cpu.displacement(), b = gpu.displacement();
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        assertThat(norm).isPositive();
        assertThat(Math.sqrt(diff / norm)).as("relative RMS difference of the displacement, device vs CPU")
                .isLessThanOrEqualTo(MAX_RELATIVE_DIFFERENCE);
        assertThat(correlation(b, scene.truth, gpu.visible()))
                .isGreaterThanOrEqualTo(correlation(a, scene.truth, cpu.visible()) - 0.01);
    }

    private static double correlation(float[] a, float[] b, boolean[] mask) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i]) {
                sa += a[i]; sb += b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; sab += a[i] * b[i];
                n++;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    }
}
