package io.inverseface.render.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Single-channel float32 PFM ({@code Pf}): header {@code Pf\n<w> <h>\n-1.0\n} (the negative scale means
 * little-endian), then rows bottom to top as the format prescribes. Lossless, and read by OpenCV
 * ({@code cv2.imread(..., cv2.IMREAD_UNCHANGED)}), imageio and most depth tool chains.
 */
public final class PfmWriter {

    private PfmWriter() {
    }

    /** Writes {@code values} (row-major, top row first, {@code width·height} of them) atomically. */
    public static void write(Path target, int width, int height, float[] values) throws IOException {
        if (values.length != width * height) {
            throw new IllegalArgumentException("need " + width * height + " values, got " + values.length);
        }
        byte[] header = ("Pf\n" + width + " " + height + "\n-1.0\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = height - 1; y >= 0; y--) {
            for (int x = 0; x < width; x++) {
                body.putFloat(values[y * width + x]);
            }
        }
        AtomicFiles.write(target, out -> {
            out.write(header);
            out.write(body.array());
        });
    }
}
