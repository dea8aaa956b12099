package io.inverseface.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.optim.sparse.GeneralizedEigenSolver;
import io.inverseface.render.CotangentLaplacian;
import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EigenpairCacheTest {

    private static final Mesh GRID = Meshes.grid(20, 20, 0, 0, 1);
    private static final int K = 6;

    private static Supplier<GeneralizedEigenSolver.Eigenpairs> solve(Mesh mesh, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            CotangentLaplacian l = CotangentLaplacian.of(mesh.positions(), mesh.triangles());
            return GeneralizedEigenSolver.smallest(l.matrix(), l.mass(), K);
        };
    }

    @Test
    void theSecondLoadReadsTheSameBitsBack(@TempDir Path dir) {
        EigenpairCache cache = new EigenpairCache(dir);
        AtomicInteger calls = new AtomicInteger();
        GeneralizedEigenSolver.Eigenpairs first = cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        GeneralizedEigenSolver.Eigenpairs second = cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        assertThat(calls).hasValue(1);
        assertThat(second.values()).containsExactly(first.values());
        for (int j = 0; j < K; j++) {
            assertThat(second.vectors()[j]).containsExactly(first.vectors()[j]);
        }
        assertThat(dir.toFile().list()).hasSize(1);
        // No temporary file is left beside it.
        assertThat(dir.toFile().list()[0]).startsWith("albedo-eigenpairs-").endsWith(".bin");
    }

    @Test
    void anotherMeshOrCountIsAnotherEntry(@TempDir Path dir) {
        EigenpairCache cache = new EigenpairCache(dir);
        AtomicInteger calls = new AtomicInteger();
        cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        float[] moved = GRID.positions().clone();
        moved[3 * 210 + 2] += 0.1f;
        Mesh bumped = new Mesh(moved, GRID.triangles());
        cache.get(bumped.positions(), bumped.triangles(), K, solve(bumped, calls));
        assertThat(calls).hasValue(2);
        assertThat(EigenpairCache.key(GRID.positions(), GRID.triangles(), K))
                .isNotEqualTo(EigenpairCache.key(GRID.positions(), GRID.triangles(), K + 1));
    }

    @Test
    void aDamagedFileIsRecomputedAndRewritten(@TempDir Path dir) throws Exception {
        EigenpairCache cache = new EigenpairCache(dir);
        AtomicInteger calls = new AtomicInteger();
        GeneralizedEigenSolver.Eigenpairs good = cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        GeneralizedEigenSolver.Eigenpairs again = cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        assertThat(calls).hasValue(2);
        assertThat(again.values()).containsExactly(good.values());
        assertThat(Files.size(file)).isEqualTo(bytes.length);
        // A file of the right size whose key belongs to another mesh is refused too.
        bytes[20] ^= 1;
        Files.write(file, bytes);
        cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls));
        assertThat(calls).hasValue(3);
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsTheSolve(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        EigenpairCache cache = new EigenpairCache(notADirectory.resolve("derived"));
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls)).values()).hasSize(K);
        assertThat(cache.get(GRID.positions(), GRID.triangles(), K, solve(GRID, calls)).values()).hasSize(K);
        assertThat(calls).hasValue(2);
    }

    @Test
    void theAlbedoPriorFromTheCacheIsTheAlbedoPriorWithout(@TempDir Path dir) {
        FaceModel model = TestModels.ictLight();
        float[] p = model.meanShape();
        int[] t = model.triangles();
        int[] lm = model.landmarkVertices();
        Basis plain = GenericAlbedoPrior.compute(p, t, lm, 5);
        GenericAlbedoPrior.compute(p, t, lm, 5, new EigenpairCache(dir));
        Basis cached = GenericAlbedoPrior.compute(p, t, lm, 5, new EigenpairCache(dir));
        assertThat(cached.modes()).containsExactly(plain.modes());
        assertThat(cached.sigma()).containsExactly(plain.sigma());
        assertThat(cached.names()).isEqualTo(List.copyOf(plain.names()));
    }
}
