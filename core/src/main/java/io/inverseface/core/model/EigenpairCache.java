package io.inverseface.core.model;

import io.inverseface.optim.sparse.GeneralizedEigenSolver;
import io.inverseface.render.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The albedo prior's Laplacian eigenpairs, kept between runs: solving for them is most of a model load
 * (seconds), reading them back a few milliseconds. One versioned binary file per mesh and count, named
 * by the SHA-256 of what they are computed from (the mesh's positions and triangles, the count, the
 * format version), read by memory mapping. The stored vectors are the solver's doubles, so a model built
 * from the cache is bit-identical to one built without it. A missing, foreign or damaged file is
 * recomputed and rewritten (atomically); a cache that cannot be written is only logged.
 *
 * <p>File: magic {@code IFEP}, format version, n, k, the 32-byte key, k eigenvalues, k·n vector entries,
 * all little-endian.
 */
final class EigenpairCache {

    private static final Logger LOG = LoggerFactory.getLogger(EigenpairCache.class);
    private static final int MAGIC = 0x50454649; // "IFEP" little-endian
    /** Raise when the eigen-solver or this format changes: old files then no longer match any key. */
    static final int VERSION = 1;
    private static final int HEADER = 4 * 4 + 32;

    private final Path directory;

    /** @param directory where the files go, or null for no cache (always compute) */
    EigenpairCache(Path directory) {
        this.directory = directory;
    }

    /** The cache under the per-user cache root ({@code $XDG_CACHE_HOME/inverseface/derived}). */
    static EigenpairCache userDefault() {
        try {
            return new EigenpairCache(io.inverseface.data.model.ModelResolver.builder().build().cacheRoot()
                    .resolve("derived"));
        } catch (RuntimeException e) {
            LOG.debug("no cache for derived model data: {}", e.toString());
            return new EigenpairCache(null);
        }
    }

    /** The eigenpairs for this mesh and count: from the file when it holds them, else computed and stored. */
    GeneralizedEigenSolver.Eigenpairs get(float[] positions, int[] triangles, int k,
                                         Supplier<GeneralizedEigenSolver.Eigenpairs> compute) {
        if (directory == null) {
            return compute.get();
        }
        int n = positions.length / 3;
        byte[] key = key(positions, triangles, k);
        Path file = directory.resolve("albedo-eigenpairs-" + HexFormat.of().formatHex(key, 0, 12) + ".bin");
        GeneralizedEigenSolver.Eigenpairs cached = read(file, key, n, k);
        if (cached != null) {
            return cached;
        }
        long t0 = System.nanoTime();
        GeneralizedEigenSolver.Eigenpairs eigen = compute.get();
        LOG.info("albedo prior computed once for this model in {} ms; cached in {}", (System.nanoTime() - t0) / 1_000_000,
                file);
        write(file, key, n, k, eigen);
        return eigen;
    }

    static byte[] key(float[] positions, int[] triangles, int k) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(VERSION).putInt(positions.length).putInt(triangles.length).putInt(k);
            md.update(head.array());
            ByteBuffer p = ByteBuffer.allocate(4 * positions.length).order(ByteOrder.LITTLE_ENDIAN);
            p.asFloatBuffer().put(positions);
            md.update(p.array());
            ByteBuffer t = ByteBuffer.allocate(4 * triangles.length).order(ByteOrder.LITTLE_ENDIAN);
            t.asIntBuffer().put(triangles);
            md.update(t.array());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    private static GeneralizedEigenSolver.Eigenpairs read(Path file, byte[] key, int n, int k) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = HEADER + 8L * k * (n + 1);
            if (ch.size() != expected) {
                LOG.warn("ignoring {}: {} bytes, expected {}", file, ch.size(), expected);
                return null;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, expected);
            map.order(ByteOrder.LITTLE_ENDIAN);
            boolean header = map.getInt() == MAGIC && map.getInt() == VERSION && map.getInt() == n && map.getInt() == k;
            byte[] stored = new byte[32];
            map.get(stored);
            if (!header || !Arrays.equals(stored, key)) {
                LOG.warn("ignoring {}: written for another mesh or format", file);
                return null;
            }
            DoubleBuffer d = map.asDoubleBuffer();
            double[] values = new double[k];
            d.get(values);
            double[][] vectors = new double[k][n];
            for (double[] v : vectors) {
                d.get(v);
            }
            return new GeneralizedEigenSolver.Eigenpairs(values, vectors);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring {}: {}", file, e.toString());
            return null;
        }
    }

    private static void write(Path file, byte[] key, int n, int k, GeneralizedEigenSolver.Eigenpairs eigen) {
        try {
            Files.createDirectories(file.getParent());
            ByteBuffer body = ByteBuffer.allocate(HEADER + 8 * k * (n + 1)).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(MAGIC).putInt(VERSION).putInt(n).putInt(k).put(key);
            for (double v : eigen.values()) {
                body.putDouble(v);
            }
            for (double[] vec : eigen.vectors()) {
                for (double v : vec) {
                    body.putDouble(v);
                }
            }
            AtomicFiles.write(file, out -> out.write(body.array()));
        } catch (IOException | RuntimeException e) {
            LOG.info("albedo prior not cached ({}): the next load computes it again", e.toString());
        }
    }
}
