package io.inverseface.core.io;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the EXIF Orientation tag (0x0112) of a JPEG without a third-party library.
 *
 * <p>Walks the JPEG marker segments up to the first scan, looks for an APP1 segment that starts with
 * {@code "Exif\0\0"}, and reads IFD0 of the TIFF structure inside it, in either byte order
 * ({@code "II"} little-endian or {@code "MM"} big-endian). Damaged metadata never stops an image from
 * loading: it is logged and treated as {@link ImageOrientation#NORMAL}.
 */
public final class ExifOrientationReader {

    private static final Logger LOG = LoggerFactory.getLogger(ExifOrientationReader.class);

    /** TIFF tag number of Orientation. */
    public static final int ORIENTATION_TAG = 0x0112;

    private static final int TIFF_SHORT = 3;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    private ExifOrientationReader() {
    }

    /**
     * @param jpeg the complete bytes of a JPEG file
     * @return the orientation recorded in its EXIF block; {@link ImageOrientation#NORMAL} when absent
     */
    public static ImageOrientation fromJpeg(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            return ImageOrientation.NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xFF) {
                return ImageOrientation.NORMAL; // lost sync: no usable metadata
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: metadata is over
                return ImageOrientation.NORMAL;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // markers without a length
                pos += 2;
                continue;
            }
            // Segment length is big-endian and counts its own two bytes but not the marker.
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            int payload = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return ImageOrientation.NORMAL;
            }
            if (marker == 0xE1 && startsWith(jpeg, payload, end, EXIF_HEADER)) {
                int tiff = payload + EXIF_HEADER.length;
                return ImageOrientation.fromExif(orientationFromTiff(jpeg, tiff, end - tiff));
            }
            pos = end;
        }
        return ImageOrientation.NORMAL;
    }

    /**
     * Reads the Orientation tag from IFD0 of a TIFF structure (the body of an EXIF block).
     *
     * @param buf    bytes holding the TIFF structure
     * @param start  offset of the byte-order mark ("II" or "MM"); TIFF offsets are relative to it
     * @param length number of bytes of the structure
     * @return the tag's value (normally 1–8), or 1 when the tag is absent or the structure is damaged
     */
    public static int orientationFromTiff(byte[] buf, int start, int length) {
        int limit = Math.min(buf.length, start + length);
        if (start < 0 || start + 8 > limit) {
            return 1;
        }
        boolean littleEndian;
        if (buf[start] == 'I' && buf[start + 1] == 'I') {
            littleEndian = true;
        } else if (buf[start] == 'M' && buf[start + 1] == 'M') {
            littleEndian = false;
        } else {
            LOG.warn("EXIF block has no TIFF byte-order mark; ignoring orientation");
            return 1;
        }
        if (u16(buf, start + 2, littleEndian) != 42) {
            LOG.warn("EXIF block has a bad TIFF magic number; ignoring orientation");
            return 1;
        }
        long ifd0 = u32(buf, start + 4, littleEndian);
        long entriesAt = start + ifd0 + 2;
        if (ifd0 < 8 || entriesAt > limit) {
            LOG.warn("EXIF IFD0 offset {} is outside the block; ignoring orientation", ifd0);
            return 1;
        }
        int count = u16(buf, (int) (start + ifd0), littleEndian);
        for (int k = 0; k < count; k++) {
            int entry = (int) entriesAt + 12 * k; // tag(2) type(2) count(4) value-or-offset(4)
            if (entry + 12 > limit) {
                LOG.warn("EXIF IFD0 is truncated; ignoring orientation");
                return 1;
            }
            if (u16(buf, entry, littleEndian) == ORIENTATION_TAG) {
                int type = u16(buf, entry + 2, littleEndian);
                if (type != TIFF_SHORT) {
                    LOG.warn("EXIF Orientation has type {} instead of SHORT; ignoring it", type);
                    return 1;
                }
                // A single SHORT is stored left-aligned in the 4-byte value field.
                return u16(buf, entry + 8, littleEndian);
            }
        }
        return 1;
    }

    private static boolean startsWith(byte[] buf, int from, int end, byte[] prefix) {
        if (from + prefix.length > end) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean le) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        return le ? (b1 << 8) | b0 : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean le) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = le ? 8 * i : 8 * (3 - i);
            v |= (long) (b[at + i] & 0xff) << shift;
        }
        return v;
    }
}
