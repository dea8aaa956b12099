package io.inverseface.core.landmarks;

import io.inverseface.core.io.LandmarkGroup;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a {@link LandmarkDetector} from a short name, for command lines and benchmarks:
 * {@code face-api}, {@code mediapipe} or {@code combined}, optionally followed by settings,
 * e.g. {@code mediapipe:refine=0,mirror=false,calibrate=false,tiles=false,scale=1.6,meshScore=0.3,detScore=0.4}; {@code combined} also takes
 * a source per point group, e.g. {@code combined:jaw=face-api,brows=mean} (see {@link CombinedLandmarkDetector}).
 */
public final class LandmarkDetectors {

    /** The names {@link #byName} accepts. */
    public static final String NAMES = "face-api, mediapipe, combined";

    /** The detector a reconstructor uses when none is set, and the command line's default. */
    public static final String DEFAULT = "combined";

    private LandmarkDetectors() {
    }

    /**
     * @param spec a name, optionally {@code :key=value,...}
     * @return a new detector
     * @throws IllegalArgumentException for an unknown name or setting
     */
    public static LandmarkDetector byName(String spec) {
        return parse(spec).get();
    }

    /**
     * Checks a detector spec without loading any network: every name and setting is validated here, and
     * the returned factory only loads the weights. For a driver that hands the spec to workers.
     *
     * @param spec a name, optionally {@code :key=value,...}
     * @return a factory of new detectors of this spec
     * @throws IllegalArgumentException for an unknown name or setting
     */
    public static Supplier<LandmarkDetector> parse(String spec) {
        String name = spec;
        String settings = "";
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            name = spec.substring(0, colon);
            settings = spec.substring(colon + 1);
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "face-api", "faceapi" -> {
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException("face-api takes no settings, got " + settings);
                }
                return FaceApiLandmarkDetector::new;
            }
            case "mediapipe" -> {
                return mediaPipe(settings)::build;
            }
            case "combined" -> {
                // group=source settings (jaw=mean, brows=mesh, ...) pick the sources; the rest go to the mesh detector
                Map<LandmarkGroup, CombinedLandmarkDetector.Source> sources = CombinedLandmarkDetector.defaultSources();
                StringBuilder rest = new StringBuilder();
                for (String kv : settings.isEmpty() ? new String[0] : settings.split(",")) {
                    String[] p = kv.split("=", 2);
                    LandmarkGroup group = groupOf(p[0]);
                    if (group != null && p.length == 2) {
                        sources.put(group, CombinedLandmarkDetector.Source.valueOf(
                                p[1].toUpperCase(Locale.ROOT).replace('-', '_')));
                    } else {
                        rest.append(rest.length() > 0 ? "," : "").append(kv);
                    }
                }
                MediaPipeLandmarkDetector.Builder mesh = mediaPipe(rest.toString());
                return () -> new CombinedLandmarkDetector(new FaceApiLandmarkDetector(), mesh.build(), sources);
            }
            default -> throw new IllegalArgumentException("unknown landmark detector '" + name + "' (use " + NAMES + ")");
        }
    }

    private static LandmarkGroup groupOf(String key) {
        for (LandmarkGroup g : LandmarkGroup.values()) {
            if (g.name().equalsIgnoreCase(key)) {
                return g;
            }
        }
        return null;
    }

    private static MediaPipeLandmarkDetector.Builder mediaPipe(String settings) {
        MediaPipeLandmarkDetector.Builder b = MediaPipeLandmarkDetector.builder();
        if (settings.isEmpty()) {
            return b;
        }
        for (String kv : settings.split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("detector setting must be key=value, got '" + kv + "'");
            }
            switch (p[0]) {
                case "mirror" -> b.mirrorAverage(flag(p));
                case "calibrate" -> b.calibrate(flag(p));
                case "tiles" -> b.tiledFallback(flag(p));
                case "refine" -> b.refinements((int) Double.parseDouble(p[1]));
                case "scale" -> b.roiScale(Double.parseDouble(p[1]));
                case "meshScore" -> b.minMeshScore(Double.parseDouble(p[1]));
                case "detScore" -> b.minDetectionScore(Double.parseDouble(p[1]));
                default -> throw new IllegalArgumentException("unknown mediapipe setting '" + p[0]
                        + "' (use refine, mirror, calibrate, tiles, scale, meshScore, detScore)");
            }
        }
        return b;
    }

    private static boolean flag(String[] keyValue) {
        if (!keyValue[1].equals("true") && !keyValue[1].equals("false")) {
            throw new IllegalArgumentException(keyValue[0] + " must be true or false, got '" + keyValue[1] + "'");
        }
        return Boolean.parseBoolean(keyValue[1]);
    }
}
