package io.inverseface.data.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the face model's directory at run time (its data may not be committed), trying in order:
 * <ol>
 *   <li>an explicit path given to the builder;</li>
 *   <li>the {@value #ENVIRONMENT_VARIABLE} environment variable;</li>
 *   <li>the per-user cache: {@code $XDG_CACHE_HOME/inverseface/<name>} or
 *       {@code ~/.cache/inverseface/<name>};</li>
 *   <li>{@code shared/models/<name>} beside a source checkout: walking up from the working
 *       directory, a directory {@code D} with {@code D/shared/models/<name>} or
 *       {@code D/../shared/models/<name>} (works from the repository root and from a module
 *       directory, where surefire runs tests);</li>
 *   <li>a download of the upstream files pinned in the {@link ModelManifest}, verified and
 *       converted into the user cache (when {@link Builder#allowDownload(boolean) allowed}).</li>
 * </ol>
 * An explicit path or environment variable that does not hold a model is an error rather than
 * a reason to fall through, since the user asked for that directory.
 */
public final class ModelResolver {
    /** Environment variable naming a model directory. */
    public static final String ENVIRONMENT_VARIABLE = "INVERSEFACE_MODEL";

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);

    private final Path explicitPath;
    private final Function<String, String> environment;
    private final Path cacheRoot;
    private final Path workingDirectory;
    private final ModelManifest manifest;
    private final boolean allowDownload;
    private final boolean showProgress;
    private final java.time.Duration downloadIdleTimeout;

    private ModelResolver(Builder b) {
        this.explicitPath = b.explicitPath;
        this.environment = b.environment;
        this.manifest = b.baseUrl == null ? b.manifest : b.manifest.withBaseUrl(b.baseUrl);
        this.cacheRoot = b.cacheRoot != null ? b.cacheRoot : defaultCacheRoot(b.environment, b.userHome);
        this.workingDirectory = b.workingDirectory;
        this.allowDownload = b.allowDownload;
        this.showProgress = b.showProgress;
        this.downloadIdleTimeout = b.downloadIdleTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A resolver with the defaults: real environment, default cache, working directory, downloads allowed. */
    public static ModelResolver defaults() {
        return builder().build();
    }

    /** The cache root this resolver uses ({@code .../inverseface}). */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /**
     * Resolves the model directory.
     *
     * @throws ModelResolutionException if no source has the model (or an explicit one is invalid)
     */
    public ResolvedModel resolve() {
        ResolvedModel found = find();
        LOG.info("Face model '{}' from {}: {}", manifest.name(), found.source(), found.directory());
        return found;
    }

    private ResolvedModel find() {
        if (explicitPath != null) {
            return new ResolvedModel(requireModel(explicitPath, "explicit model path"), ModelSource.EXPLICIT);
        }
        String env = environment.apply(ENVIRONMENT_VARIABLE);
        if (env != null && !env.isBlank()) {
            return new ResolvedModel(requireModel(Paths.get(env.trim()), "$" + ENVIRONMENT_VARIABLE), ModelSource.ENVIRONMENT);
        }
        Path cached = cacheRoot.resolve(manifest.name());
        if (isModelDirectory(cached)) {
            return new ResolvedModel(cached.toAbsolutePath().normalize(), ModelSource.USER_CACHE);
        }
        Path shared = findShared();
        if (shared != null) {
            return new ResolvedModel(shared, ModelSource.SHARED_CHECKOUT);
        }
        if (!allowDownload) {
            throw new ModelResolutionException("face model '" + manifest.name() + "' not found: set " + ENVIRONMENT_VARIABLE
                    + ", pass a path, put it in " + cached + ", or allow the download from " + manifest.baseUrl());
        }
        LOG.info("Face model '{}' not found locally; downloading from {} (commit {})", manifest.name(), manifest.baseUrl(), manifest.commit());
        Path installed = new ModelDownloader(showProgress, downloadIdleTimeout).install(manifest, cacheRoot);
        return new ResolvedModel(installed.toAbsolutePath().normalize(), ModelSource.DOWNLOAD);
    }

    private Path findShared() {
        if (workingDirectory == null) {
            return null;
        }
        Path relative = Paths.get("shared", "models", manifest.name());
        for (Path d = workingDirectory.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path here = d.resolve(relative);
            if (isModelDirectory(here)) {
                return here.normalize();
            }
            Path beside = d.resolve("..").resolve(relative).normalize();
            if (isModelDirectory(beside)) {
                return beside;
            }
        }
        return null;
    }

    private Path requireModel(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new ModelResolutionException(what + " " + dir + " is not a directory");
        }
        if (!isModelDirectory(dir)) {
            throw new ModelResolutionException(what + " " + dir + " does not hold a model (no " + IctModelConverter.METADATA_FILE + ")");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** A model directory has every converted output file named in the manifest (at least model.json). */
    private boolean isModelDirectory(Path dir) {
        if (!Files.isRegularFile(dir.resolve(IctModelConverter.METADATA_FILE))) {
            return false;
        }
        for (String file : manifest.outputs().keySet()) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private static Path defaultCacheRoot(Function<String, String> env, Path userHome) {
        String xdg = env.apply("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "inverseface");
        }
        Path home = userHome != null ? userHome : Paths.get(System.getProperty("user.home"));
        return home.resolve(".cache").resolve("inverseface");
    }

    /** Options of a {@link ModelResolver}. */
    public static final class Builder {
        private Path explicitPath;
        private Function<String, String> environment = System::getenv;
        private Path cacheRoot;
        private Path userHome;
        private Path workingDirectory = Paths.get(System.getProperty("user.dir"));
        private ModelManifest manifest;
        private URI baseUrl;
        private boolean allowDownload = true;
        private boolean showProgress = true;
        private java.time.Duration downloadIdleTimeout = ModelDownloader.DEFAULT_IDLE_TIMEOUT;

        private Builder() {
        }

        /** A model directory to use; it wins over every other source and must hold a model. */
        public Builder explicitPath(Path path) {
            this.explicitPath = path;
            return this;
        }

        /** Environment lookup (default {@link System#getenv(String)}); injectable for tests. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Cache root ({@code .../inverseface}); default from {@code XDG_CACHE_HOME} or {@code ~/.cache}. */
        public Builder cacheDirectory(Path cacheRoot) {
            this.cacheRoot = cacheRoot;
            return this;
        }

        /** Home directory for the default cache (default {@code user.home}). */
        public Builder userHome(Path userHome) {
            this.userHome = userHome;
            return this;
        }

        /** Where to start walking up for {@code shared/models}; null disables that step. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** The model to resolve (default: the ICT Face Model Light manifest). */
        public Builder manifest(ModelManifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
            return this;
        }

        /** Downloads from this base URL instead of the manifest's (a mirror, or a test server). */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Whether the last step may download (default true). */
        public Builder allowDownload(boolean allowDownload) {
            this.allowDownload = allowDownload;
            return this;
        }

        /** Whether a download draws a progress bar on standard error (default true). */
        /** How long a download may receive nothing before it fails (default 60 s). */
        public Builder downloadIdleTimeout(java.time.Duration timeout) {
            this.downloadIdleTimeout = timeout;
            return this;
        }

        public Builder showProgress(boolean showProgress) {
            this.showProgress = showProgress;
            return this;
        }

        public ModelResolver build() {
            if (manifest == null) {
                manifest = ModelManifest.ictFaceModelLight();
            }
            return new ModelResolver(this);
        }
    }
}
