package io.inverseface.data.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pinned description of a downloadable model: where its source files live (repository,
 * commit, base URL, paths), their SHA-256 where known, how to convert them, and the SHA-256 of
 * every converted output file. Read from a JSON resource; {@link #ictFaceModelLight()} is the
 * one shipped with the library.
 *
 * @param name                directory name of the converted model inside the cache
 * @param repository          upstream repository (owner/name)
 * @param commit              upstream commit every URL is pinned to
 * @param baseUrl             URL prefix the source paths are resolved against
 * @param vertexCount         vertices kept from the neutral mesh (a prefix)
 * @param polygonCount        polygons kept from the neutral mesh (a prefix)
 * @param scale               factor from source units to model units (cm → mm: 10)
 * @param neutral             the neutral mesh
 * @param identities          identity blendshapes, in mode order
 * @param expressions         expression blendshapes, in order (may list excluded ones)
 * @param excludedExpressions expression names that are present upstream but left out
 * @param license             the licence file copied beside the model (optional)
 * @param metadataResource    classpath resource copied verbatim as {@code model.json}
 * @param outputs             converted file name → expected SHA-256
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(String name, String repository, String commit, String baseUrl,
                            int vertexCount, int polygonCount, double scale,
                            SourceFile neutral, List<SourceFile> identities, List<SourceFile> expressions,
                            List<String> excludedExpressions, SourceFile license,
                            String metadataResource, Map<String, String> outputs) {

    /** Name of the resource holding the manifest of the ICT Face Model Light. */
    public static final String ICT_FACE_MODEL_LIGHT_RESOURCE = "/io/inverseface/data/model/ict-face-light-manifest.json";

    /**
     * One upstream file.
     *
     * @param name   logical name (expression name; optional otherwise)
     * @param path   path relative to the base URL
     * @param sha256 expected SHA-256, or null where not yet pinned (then only the converted
     *               outputs are verified)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceFile(String name, String path, String sha256) {
        public SourceFile {
            Objects.requireNonNull(path, "path");
        }
    }

    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(neutral, "neutral");
        identities = List.copyOf(identities == null ? List.of() : identities);
        expressions = List.copyOf(expressions == null ? List.of() : expressions);
        excludedExpressions = List.copyOf(excludedExpressions == null ? List.of() : excludedExpressions);
        outputs = Map.copyOf(outputs == null ? Map.of() : outputs);
        if (vertexCount <= 0 || polygonCount <= 0 || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("manifest " + name + ": vertexCount, polygonCount and scale must be positive");
        }
    }

    /** The expressions that are converted (the listed ones minus the excluded ones), in order. */
    public List<SourceFile> keptExpressions() {
        return expressions.stream().filter(e -> !excludedExpressions.contains(e.name())).toList();
    }

    /** All files that must be downloaded: neutral, identities, kept expressions, licence. */
    public List<SourceFile> downloads() {
        java.util.ArrayList<SourceFile> all = new java.util.ArrayList<>();
        all.add(neutral);
        all.addAll(identities);
        all.addAll(keptExpressions());
        if (license != null) {
            all.add(license);
        }
        return all;
    }

    /** This manifest with another base URL (a mirror, or a local server in tests). */
    public ModelManifest withBaseUrl(URI newBaseUrl) {
        String url = newBaseUrl.toString();
        if (!url.endsWith("/")) {
            url = url + "/";
        }
        return new ModelManifest(name, repository, commit, url, vertexCount, polygonCount, scale, neutral, identities,
                expressions, excludedExpressions, license, metadataResource, outputs);
    }

    /** Reads a manifest from JSON. */
    public static ModelManifest read(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return mapper.readValue(json, ModelManifest.class);
    }

    /** Reads a manifest from a classpath resource (absolute name). */
    public static ModelManifest fromResource(String resource) {
        try (InputStream in = ModelManifest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelResolutionException("manifest resource " + resource + " not found on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new ModelResolutionException("manifest resource " + resource + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The pinned manifest of the ICT Face Model Light shipped with the library. */
    public static ModelManifest ictFaceModelLight() {
        return fromResource(ICT_FACE_MODEL_LIGHT_RESOURCE);
    }
}
