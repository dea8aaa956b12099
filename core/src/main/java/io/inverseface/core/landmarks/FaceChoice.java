package io.inverseface.core.landmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which of the faces a detector found to reconstruct: the largest (the default), the most confident, the
 * n-th largest, or the one whose box centre lies nearest a point (a click, a tracker's box centre).
 * {@link #parse} reads the CLI's {@code --face} text: {@code largest}, {@code score}, {@code 2} (1-based,
 * largest first) or {@code x,y} (pixels).
 */
public sealed interface FaceChoice {

    /** The chosen face of {@code faces} (largest first, as {@link LandmarkDetector#detect} returns them). */
    DetectedFace choose(List<DetectedFace> faces, String where);

    /** As {@link #choose(List, String)}, an error naming the image by its size. */
    default DetectedFace choose(List<DetectedFace> faces, io.inverseface.render.RgbImage image) {
        return choose(faces, "the image (" + image.width() + "x" + image.height() + ")");
    }

    /** @return the choice as {@link #parse} reads it back: {@code largest}, {@code score}, {@code N} or {@code x,y} */
    String text();

    /** The largest box. */
    static FaceChoice largest() {
        return new Largest();
    }

    /** The highest detector score. */
    static FaceChoice mostConfident() {
        return new MostConfident();
    }

    /** The n-th face, 1-based, largest first. */
    static FaceChoice index(int n) {
        return new Index(n);
    }

    /** The face whose box centre is nearest (x, y), image pixels. */
    static FaceChoice nearest(double x, double y) {
        return new Nearest(x, y);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    static FaceChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("largest")) {
            return largest();
        }
        if (t.equals("score")) {
            return mostConfident();
        }
        try {
            if (t.contains(",")) {
                String[] xy = t.split(",");
                if (xy.length == 2) {
                    return nearest(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
                }
            } else {
                return index(Integer.parseInt(t));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("face choice must be largest, score, a 1-based index or x,y pixels, got '"
                + text + "'");
    }

    private static DetectedFace requireAny(List<DetectedFace> faces, String where) {
        if (faces.isEmpty()) {
            throw new NoFaceFoundException("no face found in " + where);
        }
        return faces.get(0);
    }

    record Largest() implements FaceChoice {
        @Override
        public String text() {
            return "largest";
        }

        @Override
        public DetectedFace choose(List<DetectedFace> faces, String where) {
            return requireAny(faces, where);
        }
    }

    record MostConfident() implements FaceChoice {
        @Override
        public String text() {
            return "score";
        }

        @Override
        public DetectedFace choose(List<DetectedFace> faces, String where) {
            requireAny(faces, where);
            return faces.stream().max(Comparator.comparingDouble(DetectedFace::score)).orElseThrow();
        }
    }

    /** @param n 1-based, largest first */
    record Index(int n) implements FaceChoice {
        public Index {
            if (n < 1) {
                throw new IllegalArgumentException("face index is 1-based, got " + n);
            }
        }

        @Override
        public String text() {
            return Integer.toString(n);
        }

        @Override
        public DetectedFace choose(List<DetectedFace> faces, String where) {
            requireAny(faces, where);
            if (n > faces.size()) {
                throw new NoFaceFoundException("face " + n + " asked for, but " + faces.size() + " found in " + where,
                        faces.size());
            }
            return faces.get(n - 1);
        }
    }

    /** @param x @param y image pixels */
    record Nearest(double x, double y) implements FaceChoice {
        public Nearest {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("face position must be finite, got " + x + "," + y);
            }
        }

        @Override
        public String text() {
            return x + "," + y; // Double.toString: shortest exact decimal, so parse(text()) is this choice
        }

        @Override
        public DetectedFace choose(List<DetectedFace> faces, String where) {
            requireAny(faces, where);
            return faces.stream().min(Comparator.comparingDouble(f -> {
                double cx = f.box().x() + f.box().width() / 2 - x, cy = f.box().y() + f.box().height() / 2 - y;
                return cx * cx + cy * cy;
            })).orElseThrow();
        }
    }
}
