package io.inverseface.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationReaderTest {

    /** A TIFF structure whose IFD0 holds {@code extraEntries} dummy tags and then Orientation. */
    static byte[] tiff(boolean littleEndian, int orientation, int extraEntries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Writer w = new Writer(out, littleEndian);
        out.writeBytes((littleEndian ? "II" : "MM").getBytes(StandardCharsets.US_ASCII));
        w.u16(42);
        w.u32(8);
        w.u16(extraEntries + 1);
        for (int k = 0; k < extraEntries; k++) {
            w.u16(0x010F); // Make, as an ASCII offset we never follow
            w.u16(2);
            w.u32(6);
            w.u32(100);
        }
        w.u16(ExifOrientationReader.ORIENTATION_TAG);
        w.u16(3);
        w.u32(1);
        w.u16(orientation); // left-aligned SHORT
        w.u16(0);
        w.u32(0); // no next IFD
        return out.toByteArray();
    }

    /** Wraps a TIFF structure as an APP1 Exif segment (marker included). */
    static byte[] app1(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsBigEndianOrientation(int orientation) {
        byte[] t = tiff(false, orientation, 2);
        assertThat(ExifOrientationReader.orientationFromTiff(t, 0, t.length)).isEqualTo(orientation);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 8})
    void readsLittleEndianOrientation(int orientation) {
        byte[] t = tiff(true, orientation, 3);
        assertThat(ExifOrientationReader.orientationFromTiff(t, 0, t.length)).isEqualTo(orientation);
    }

    @Test
    void readsAtAnOffsetInsideALargerBuffer() {
        byte[] t = tiff(true, 6, 0);
        byte[] buf = new byte[t.length + 13];
        System.arraycopy(t, 0, buf, 7, t.length);
        assertThat(ExifOrientationReader.orientationFromTiff(buf, 7, t.length)).isEqualTo(6);
    }

    @Test
    void damagedStructuresFallBackToNormal() {
        byte[] t = tiff(false, 6, 1);
        byte[] badOrder = t.clone();
        badOrder[0] = 'X';
        assertThat(ExifOrientationReader.orientationFromTiff(badOrder, 0, t.length)).isEqualTo(1);
        byte[] badMagic = t.clone();
        badMagic[3] = 41;
        assertThat(ExifOrientationReader.orientationFromTiff(badMagic, 0, t.length)).isEqualTo(1);
        // Cut inside the Orientation entry.
        assertThat(ExifOrientationReader.orientationFromTiff(t, 0, t.length - 8)).isEqualTo(1);
    }

    @Test
    void findsTheExifSegmentAfterOtherSegments() {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 4, 1, 2}); // APP0 with 2 payload bytes
        jpeg.writeBytes(app1(tiff(true, 8, 1)));
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2});
        assertThat(ExifOrientationReader.fromJpeg(jpeg.toByteArray())).isEqualTo(ImageOrientation.ROTATE_90_CCW);
    }

    @Test
    void ignoresExifAfterTheStartOfScanAndNonJpegData() {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2});
        jpeg.writeBytes(app1(tiff(true, 6, 0)));
        assertThat(ExifOrientationReader.fromJpeg(jpeg.toByteArray())).isEqualTo(ImageOrientation.NORMAL);
        assertThat(ExifOrientationReader.fromJpeg("hello".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(ImageOrientation.NORMAL);
    }

    private record Writer(ByteArrayOutputStream out, boolean le) {
        void u16(int v) {
            if (le) {
                out.write(v & 0xff);
                out.write((v >> 8) & 0xff);
            } else {
                out.write((v >> 8) & 0xff);
                out.write(v & 0xff);
            }
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                int shift = le ? 8 * i : 8 * (3 - i);
                out.write((int) (v >> shift) & 0xff);
            }
        }
    }
}
