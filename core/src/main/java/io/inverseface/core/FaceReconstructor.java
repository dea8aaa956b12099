package io.inverseface.core;

import io.inverseface.core.coarse.CoarseResult;
import io.inverseface.core.coarse.EyeOpenings;
import io.inverseface.core.coarse.CoarseStage;
import io.inverseface.core.coarse.SkinMask;
import io.inverseface.core.coarse.StageSummary;
import io.inverseface.core.fit.CoarseOptions;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.landmarks.LandmarkEnergy;
import io.inverseface.core.fit.prior.PriorEnergy;
import io.inverseface.core.detail.DetailOptions;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.detail.DetailStage;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.InputValidator;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.Backends;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.render.Mesh;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.Camera;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The library's entry point: reconstructs a 3D face from one photo (its 68 landmarks given, or detected
 * when absent).
 *
 * <pre>{@code
 * FaceReconstructor reconstructor = FaceReconstructor.builder()
 *         .model(FaceModels.ictLight())
 *         .coarse(c -> c.pyramidLevels(2))
 *         .backend(Backend.AUTO)
 *         .build();
 * Reconstruction r = reconstructor.reconstruct(ImageLoader.load(photo), LandmarksReader.read(pts));
 * }</pre>
 *
 * Immutable and safe to share between threads: one reconstructor serves a whole batch.
 */
public final class FaceReconstructor implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceReconstructor.class);

    private final FaceModel model;
    private final CoarseStage coarse;
    private final DetailStage detail;
    private final LinearAlgebraBackend backend;
    private final List<FaceEnergy> energies;
    private final double minInterOcularDistance;
    private final LandmarkDetector landmarkDetector;
    private final Renderer renderer = Renderer.create();

    private FaceReconstructor(Builder b) {
        this.model = b.model != null ? b.model : FaceModels.ictLight();
        this.backend = Backends.create(b.backend);
        this.energies = List.copyOf(b.energies);
        this.coarse = new CoarseStage(model, b.coarse.build(), energies, backend);
        this.detail = b.detailEnabled ? new DetailStage(b.detail.build(), backend) : null;
        this.minInterOcularDistance = b.minInterOcularDistance;
        this.landmarkDetector = b.landmarkDetector;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A reconstructor with every default (the ICT model, resolved as the README describes). */
    public static FaceReconstructor createDefault() {
        return builder().build();
    }

    public FaceModel model() {
        return model;
    }

    public CoarseOptions coarseOptions() {
        return coarse.options();
    }

    /** The detail stage's options, or null when it is switched off. */
    public DetailOptions detailOptions() {
        return detail == null ? null : detail.options();
    }

    /** The energies of the coarse fit, in order (the built-ins print their weights). */
    public List<FaceEnergy> energies() {
        return energies;
    }

    /** Names of the energies in the coarse fit, in order. */
    public List<String> energyNames() {
        return energies.stream().map(FaceEnergy::name).toList();
    }

    /** Name of the linear-algebra backend in use (after AUTO resolved). */
    public String backendName() {
        return backend.name();
    }

    /**
     * Releases the backend's device memory and context (a no-op for the CPU backend beyond its thread
     * pool). Call it when done with a reconstructor on a GPU backend; idempotent.
     */
    @Override
    public void close() {
        backend.close();
    }

    /**
     * Detects the largest face's 68 landmarks and reconstructs it.
     *
     * @throws io.inverseface.core.landmarks.NoFaceFoundException when no face is found
     */
    public Reconstruction reconstruct(RgbImage image) {
        Objects.requireNonNull(image, "image");
        return reconstruct(image, detector().detectLargest(image));
    }

    /**
     * Detects the faces and reconstructs the one {@code choice} picks: the largest, the most confident, the
     * n-th, or the one nearest a point ({@link io.inverseface.core.landmarks.FaceChoice}).
     *
     * @throws io.inverseface.core.landmarks.NoFaceFoundException when there is no such face
     */
    public Reconstruction reconstruct(RgbImage image, io.inverseface.core.landmarks.FaceChoice choice) {
        return reconstruct(input(image, choice));
    }

    /**
     * Detects the faces in {@code image}, takes the one {@code choice} picks and checks its landmarks as
     * {@link #input(RgbImage, Landmarks)} does.
     *
     * @throws io.inverseface.core.landmarks.NoFaceFoundException when there is no such face
     */
    public FitInput input(RgbImage image, io.inverseface.core.landmarks.FaceChoice choice) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(choice, "choice");
        List<io.inverseface.core.landmarks.DetectedFace> faces = detector().detect(image);
        io.inverseface.core.landmarks.DetectedFace chosen = choice.choose(faces, image);
        LOG.info("landmarks detected: {} face(s), using face {} (score {})", faces.size(), faces.indexOf(chosen) + 1,
                String.format(java.util.Locale.ROOT, "%.2f", chosen.score()));
        return input(image, chosen.landmarks());
    }

    /**
     * Checks that {@code landmarks} can be fitted in {@code image} ({@link InputValidator}, with this
     * reconstructor's minimum eye distance).
     *
     * @throws io.inverseface.core.io.InvalidLandmarksException when a landmark lies outside the image by more than half the eye distance
     * @throws io.inverseface.core.io.FaceTooSmallException     when the eyes are closer than the minimum distance
     */
    public FitInput input(RgbImage image, Landmarks landmarks) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(landmarks, "landmarks");
        InputValidator.validate(image, landmarks, minInterOcularDistance);
        return new FitInput(image, landmarks);
    }

    /** Reconstructs a checked input ({@link #input}) without checking it again. */
    public Reconstruction reconstruct(FitInput input) {
        return fit(input.image(), input.landmarks(), Double.NaN);
    }

    /** Reads the photo (PNG/JPEG, EXIF orientation honoured), detects its landmarks and reconstructs. */
    public Reconstruction reconstruct(Path image) {
        return reconstruct(ImageLoader.load(image));
    }

    /** The detector used when no landmarks are given. */
    public LandmarkDetector detector() {
        return landmarkDetector != null ? landmarkDetector : DefaultDetector.INSTANCE;
    }

    /** {@link LandmarkDetector#description()} of {@link #detector()} (loads the default detector's networks). */
    public String detectorName() {
        return detector().description();
    }

    /**
     * Lazy holder: the networks load only when detection is first needed. The default is the combined
     * detector ({@link LandmarkDetectors#DEFAULT}): on 561 annotated real photos it finds every face where
     * face-api alone finds 91 %, with a lower landmark error (BENCHMARKS.md, "Landmarks: MediaPipe port").
     */
    private static final class DefaultDetector {
        static final LandmarkDetector INSTANCE = LandmarkDetectors.byName(LandmarkDetectors.DEFAULT);
    }

    /** Reads the photo (PNG/JPEG, EXIF orientation honoured) and landmarks (.pts or .json) and reconstructs. */
    public Reconstruction reconstruct(Path image, Path landmarks) {
        return reconstruct(ImageLoader.load(image), LandmarksReader.read(landmarks));
    }

    /**
     * Reconstructs the face in {@code image} marked by {@code landmarks}.
     *
     * @throws io.inverseface.core.io.InvalidLandmarksException when a landmark lies outside the image by more than half the eye distance
     * @throws io.inverseface.core.io.FaceTooSmallException     when the eyes are closer than the minimum distance
     */
    public Reconstruction reconstruct(RgbImage image, Landmarks landmarks) {
        return reconstruct(image, landmarks, Double.NaN);
    }

    /**
     * As {@link #reconstruct(RgbImage, Landmarks)} for a photo whose focal length is known, in pixels of
     * this image (from EXIF or a calibration): the fit is then a pinhole camera with that focal length.
     * NaN means unknown: the camera is put at the coarse options' assumed distance.
     */
    public Reconstruction reconstruct(RgbImage image, Landmarks landmarks, double focalPixels) {
        FitInput checked = input(image, landmarks);
        return fit(checked.image(), checked.landmarks(), focalPixels);
    }

    /** Reconstructs from landmarks given as {@code double[68][2]} pixel positions. */
    public Reconstruction reconstruct(RgbImage image, double[][] landmarks) {
        return reconstruct(image, Landmarks.of(landmarks));
    }

    /**
     * One face from several photos of the same person ({@link MultiViewReconstruction}): identity and
     * albedo fitted jointly to all of them, pose, expression, lighting and camera per photo, detail (when
     * on) per photo on the shared shape. Each photo is checked as {@link #reconstruct(RgbImage, Landmarks)}
     * checks one; a bad one fails the call naming its position.
     *
     * @param images    two or more photos (one is the single-photo fit)
     * @param landmarks each photo's 68 landmarks, in the same order
     */
    public MultiViewReconstruction reconstruct(List<RgbImage> images, List<Landmarks> landmarks) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(landmarks, "landmarks");
        if (images.isEmpty() || images.size() != landmarks.size()) {
            throw new IllegalArgumentException("need one set of landmarks per photo: " + images.size() + " photos, "
                    + landmarks.size() + " landmark sets");
        }
        List<FitInput> inputs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = Objects.requireNonNull(images.get(i), "photo " + (i + 1));
            Landmarks lm = Objects.requireNonNull(landmarks.get(i), "landmarks of photo " + (i + 1));
            try {
                inputs.add(input(image, lm));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("photo " + (i + 1) + " of " + images.size() + ": " + e.getMessage(), e);
            }
        }
        return reconstructJointly(inputs);
    }

    /** As {@link #reconstruct(List, List)} for inputs already checked ({@link #input}), one per photo. */
    public MultiViewReconstruction reconstructJointly(List<FitInput> inputs) {
        if (Objects.requireNonNull(inputs, "inputs").isEmpty()) {
            throw new IllegalArgumentException("no photos");
        }
        List<RgbImage> rgb = inputs.stream().map(FitInput::image).toList();
        List<Landmarks> landmarks = inputs.stream().map(FitInput::landmarks).toList();
        long t0 = System.nanoTime();
        List<CoarseResult> results = coarse.fitJointly(rgb, landmarks, null);
        List<Reconstruction> views = new ArrayList<>();
        for (int i = 0; i < rgb.size(); i++) {
            views.add(finish(rgb.get(i), landmarks.get(i), results.get(i), i == 0 ? t0 : System.nanoTime()));
        }
        return new MultiViewReconstruction(views);
    }

    /** As {@link #reconstruct(List, List)}, each photo's landmarks detected (its largest face). */
    public MultiViewReconstruction reconstruct(List<RgbImage> images) {
        List<Landmarks> landmarks = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            try {
                landmarks.add(detector().detectLargest(images.get(i)));
            } catch (io.inverseface.core.landmarks.NoFaceFoundException e) {
                throw new io.inverseface.core.landmarks.NoFaceFoundException("photo " + (i + 1) + " of " + images.size()
                        + ": " + e.getMessage());
            }
        }
        return reconstruct(images, landmarks);
    }

    private Reconstruction fit(RgbImage image, Landmarks landmarks, double focalPixels) {
        long t0 = System.nanoTime();
        CoarseResult result = coarse.fit(image, landmarks, focalPixels);
        return finish(image, landmarks, result, t0);
    }

    /** The outputs of a coarse result: mesh, camera, fitted landmarks, mask, quality and detail (the pictures are core.output's). */
    private Reconstruction finish(RgbImage image, Landmarks landmarks, CoarseResult result, long t0) {
        FaceParameters p = result.parameters();
        float[] vertices = model.instance(p.identity(), p.expression());
        float[] albedo = result.albedo();
        Mesh mesh = model.toMesh(vertices);
        Camera camera = result.projection().camera(p.pose(), image.width(), image.height());
        double[] fitted = new double[2 * Landmarks.COUNT];
        float[] screen = new float[3];
        int[] lv = result.landmarkVertices();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            camera.project(vertices[3 * lv[i]], vertices[3 * lv[i] + 1], vertices[3 * lv[i] + 2], screen, 0);
            fitted[2 * i] = screen[0];
            fitted[2 * i + 1] = screen[1];
        }
        // Only the face region goes over the photo: the model's neck, ears and skull are not fitted to it
        // and would cover hair, hands or background in front of them.
        Mesh face = new Mesh(vertices, model.regionTriangles(FaceRegion.NARROW));
        Rendering rendered = renderer.render(face, albedo, p.lighting(), camera);
        RgbImage mask = EyeOpenings.clear(coarse.options().skinMask() ? SkinMask.of(image, rendered) : coverage(rendered),
                landmarks);
        FitQuality quality = FitQuality.measure(image, rendered.color(), rendered.visibility().triangleId(), mask, landmarks,
                fitted);
        if (quality.suspect()) {
            LOG.warn("the landmarks may not belong to the face in this photo: {}", String.join("; ", quality.reasons()));
        } else {
            LOG.debug("{}", quality.brief());
        }
        List<StageSummary> stages = new ArrayList<>(result.stages());
        DetailResult details = null;
        if (detail != null) {
            details = detail.refine(vertices, albedo, model.regionTriangles(FaceRegion.NARROW), p.lighting(), camera, image,
                    mask);
            stages.add(details.summary());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        ReconstructionSummary summary = new ReconstructionSummary(stages, backend.name(), seconds);
        return new Reconstruction(p, mesh, albedo, camera, landmarks, fitted, summary, details, mask, quality, image, model);
    }

    /** 1 where the rendered face covers the image, 0 elsewhere (the mask when skin masking is off). */
    private static RgbImage coverage(Rendering rendering) {
        RgbImage out = new RgbImage(rendering.color().width(), rendering.color().height());
        int[] ids = rendering.visibility().triangleId();
        for (int c = 0; c < 3; c++) {
            float[] dst = out.channel(c);
            for (int i = 0; i < ids.length; i++) {
                dst[i] = ids[i] != VisibilityBuffer.EMPTY ? 1f : 0f;
            }
        }
        return out;
    }

    /** Builder; every setting has a default. */
    public static final class Builder {
        private FaceModel model;
        private CoarseOptions.Builder coarse = CoarseOptions.builder();
        private Backend backend = Backend.AUTO;
        private final List<FaceEnergy> energies = new ArrayList<>(CoarseStage.defaultEnergies());
        private double minInterOcularDistance = InputValidator.MIN_INTER_OCULAR_PX;
        private LandmarkDetector landmarkDetector;
        private DetailOptions.Builder detail = DetailOptions.builder();
        private boolean detailEnabled = false;

        private Builder() {
        }

        /** Switches the detail stage on (off by default for now) and adjusts its options. */
        public Builder detail(Consumer<DetailOptions.Builder> adjust) {
            adjust.accept(detail);
            detailEnabled = true;
            return this;
        }

        /** Switches the detail stage off: the result carries the coarse fit only. */
        public Builder withoutDetail() {
            detailEnabled = false;
            return this;
        }

        /** Detector used by {@code reconstruct(image)} when no landmarks are given (default: {@link LandmarkDetectors#DEFAULT}). */
        public Builder landmarkDetector(LandmarkDetector detector) {
            this.landmarkDetector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /** The face model (default: {@link FaceModels#ictLight()}). */
        public Builder model(FaceModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Adjusts the coarse-stage options. */
        public Builder coarse(Consumer<CoarseOptions.Builder> adjust) {
            adjust.accept(coarse);
            return this;
        }

        /** Replaces the coarse-stage options. */
        public Builder coarse(CoarseOptions options) {
            this.coarse = options.toBuilder();
            return this;
        }

        /** Linear-algebra backend (default AUTO: CUDA, then an OpenCL GPU, then the CPU). */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Smallest accepted distance between the outer eye corners, pixels (default 40). */
        public Builder minInterOcularDistance(double pixels) {
            this.minInterOcularDistance = pixels;
            return this;
        }

        /** Adds an energy to the coarse fit. */
        public Builder withEnergy(FaceEnergy energy) {
            Objects.requireNonNull(energy, "energy");
            if (indexOf(energy.name()) >= 0) {
                throw new IllegalArgumentException("an energy named '" + energy.name() + "' is already present; use replaceEnergy");
            }
            energies.add(energy);
            return this;
        }

        /** Removes the energy with this name. */
        public Builder withoutEnergy(String name) {
            energies.remove(existing(name));
            return this;
        }

        /** Replaces the energy with this name by another (at the same position). */
        public Builder replaceEnergy(String name, FaceEnergy energy) {
            energies.set(existing(name), Objects.requireNonNull(energy, "energy"));
            return this;
        }

        /**
         * Changes the energy with this name, of this type, in place: for example
         * {@code updateEnergy(LandmarkEnergy.NAME, LandmarkEnergy.class, e -> e.withJawWeight(1))}.
         */
        public <E extends FaceEnergy> Builder updateEnergy(String name, Class<E> type, UnaryOperator<E> change) {
            int i = existing(name);
            FaceEnergy e = energies.get(i);
            if (!type.isInstance(e)) {
                throw new IllegalArgumentException("energy '" + name + "' is a " + e.getClass().getSimpleName()
                        + ", not a " + type.getSimpleName());
            }
            energies.set(i, Objects.requireNonNull(change.apply(type.cast(e)), "changed energy"));
            return this;
        }

        /**
         * Sets the identity and expression priors for landmarks of this 2D error σ (a fraction of the
         * inter-ocular distance; the defaults assume {@value PriorEnergy#DEFAULT_LANDMARK_NOISE}): the MAP
         * weights of {@link PriorEnergy#identityFor} and {@link PriorEnergy#expressionFor}, with the
         * landmark energy's weight as it is now. A caller who knows its landmarks are better than a
         * detector's (synthetic renders with exact model landmarks, say) says so here; real photos keep
         * the default, because the distance between a marked point and its model vertex alone is a few
         * percent.
         */
        public Builder landmarkNoise(double sigma) {
            int lan = indexOf(LandmarkEnergy.NAME);
            double w = lan >= 0 && energies.get(lan) instanceof LandmarkEnergy e ? e.weight() : LandmarkEnergy.DEFAULT_WEIGHT;
            replaceEnergy(PriorEnergy.IDENTITY, PriorEnergy.identityFor(sigma, w));
            return replaceEnergy(PriorEnergy.EXPRESSION, PriorEnergy.expressionFor(sigma, w));
        }

        private int existing(String name) {
            int i = indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no energy named '" + name + "'; present: " + names());
            }
            return i;
        }

        private int indexOf(String name) {
            for (int i = 0; i < energies.size(); i++) {
                if (energies.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private List<String> names() {
            return energies.stream().map(FaceEnergy::name).toList();
        }

        public FaceReconstructor build() {
            return new FaceReconstructor(this);
        }
    }

}
