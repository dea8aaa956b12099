package io.inverseface.core.coarse;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.fit.CoarseOptions;
import io.inverseface.core.fit.FaceBlock;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.FaceTerm;
import io.inverseface.core.fit.FitContext;
import io.inverseface.core.fit.FitPhase;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.Projection;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.core.fit.landmarks.LandmarkEnergy;
import io.inverseface.core.fit.photometric.PhotoConsistencyEnergy;
import io.inverseface.core.fit.prior.PriorEnergy;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.optim.LinearSolverType;
import io.inverseface.optim.Method;
import io.inverseface.optim.Problem;
import io.inverseface.optim.Solver;
import io.inverseface.optim.SolverOptions;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.TermResiduals;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.render.ImagePyramid;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coarse stage: from a photo and its 68 landmarks to pose, identity, expression, albedo and SH
 * lighting. It runs named steps in order, each recorded in a {@link StageSummary}:
 * <ol>
 *   <li>{@code initial-pose}: closed-form weak-perspective pose from the landmarks ({@link InitialPose});</li>
 *   <li>{@code landmarks}: pose, identity and expression against the landmarks and priors, the jaw
 *       contour re-assigned between rounds;</li>
 *   <li>{@code appearance}: lighting, then lighting and albedo, with the geometry fixed;</li>
 *   <li>{@code photometric-L<k>}: every parameter, coarse to fine over the image pyramid, visibility and
 *       samples refreshed between rounds.</li>
 * </ol>
 * Thread-safe: all per-fit state lives in the call; the stage itself only remembers whether its
 * backend's device visibility failed.
 */
public final class CoarseStage {

    private static final Logger LOG = LoggerFactory.getLogger(CoarseStage.class);
    private static final double INITIAL_RADIUS = 1e4;
    private static final double MIN_CARRIED_RADIUS = 1.0;

    private final FaceModel model;
    private final VertexMajorBases bases;
    private final VertexMajorBases greyBases;
    private final CoarseOptions options;
    private final List<FaceEnergy> energies;
    private final LinearAlgebraBackend backend;
    private final Rasterizer rasterizer = Rasterizer.builder().parallel(false).build();
    /** Residuals outside a solve (for the energies' IRLS weights), where the solver evaluates them. */
    private final TermResiduals residuals;
    private final int[] region;
    /** Set once the device's visibility failed on this stage's backend: later fits use the CPU without retrying. */
    private final AtomicBoolean deviceVisibilityFailed = new AtomicBoolean();

    public CoarseStage(FaceModel model, CoarseOptions options, List<FaceEnergy> energies, LinearAlgebraBackend backend) {
        this.model = model;
        this.options = options;
        this.bases = VertexMajorBases.of(model, Math.min(options.identityModes(), model.identityCount()),
                Math.min(options.albedoModes(), model.albedoCount()));
        this.greyBases = bases.greyAlbedo();
        this.energies = List.copyOf(energies);
        this.backend = backend;
        this.residuals = TermResiduals.on(backend);
        this.region = model.regionVertices(FaceRegion.NARROW);
    }

    /**
     * The default energies: landmarks, photo-consistency and the three priors, the shape priors set for
     * landmarks of {@value PriorEnergy#DEFAULT_LANDMARK_NOISE} inter-ocular distances of error.
     */
    public static List<FaceEnergy> defaultEnergies() {
        double noise = PriorEnergy.DEFAULT_LANDMARK_NOISE, w = LandmarkEnergy.DEFAULT_WEIGHT;
        return List.of(LandmarkEnergy.defaults(), PhotoConsistencyEnergy.defaults(), PriorEnergy.identityFor(noise, w),
                PriorEnergy.expressionFor(noise, w), PriorEnergy.albedoDefault());
    }

    public CoarseOptions options() {
        return options;
    }

    public VertexMajorBases bases() {
        return bases;
    }

    /**
     * Fits the model to {@code image} (full resolution, colours in [0, 1]) and its landmarks. On a device
     * backend the terms with kernels (photo-consistency, landmarks, priors) are evaluated on the device and
     * fits sharing the backend take turns (one context and queue); on the CPU they run concurrently.
     */
    public CoarseResult fit(RgbImage image, Landmarks landmarks) {
        return fit(image, landmarks, Double.NaN);
    }

    /**
     * As {@link #fit(RgbImage, Landmarks)}, for a photo whose focal length is known ({@code focalPixels} in
     * full-resolution pixels, for example from EXIF or a calibration); NaN when it is not, and the camera
     * is then put at the options' {@link CoarseOptions#cameraDistance()} (see {@link Projection}).
     */
    public CoarseResult fit(RgbImage image, Landmarks landmarks, double focalPixels) {
        if (!Double.isNaN(focalPixels) && !(focalPixels > 0 && Double.isFinite(focalPixels))) {
            throw new IllegalArgumentException("focal length must be positive and finite (or NaN: unknown), got "
                    + focalPixels);
        }
        Fit fit = new Fit(image, landmarks, focalPixels);
        if (backend instanceof DeviceResidentBackend) {
            synchronized (backend) {
                try {
                    fit.run();
                } finally {
                    fit.closeDevice();
                }
            }
        } else {
            fit.run();
        }
        return new CoarseResult(fit.parameters(), fit.projection, fit.bases.albedo(fit.albedo), fit.landmarkVertices,
                fit.stages);
    }

    /**
     * Fits one face to several photos of the same person: identity and albedo are one block each, shared by
     * every photo's terms in every solve; pose, expression, lighting and camera are each photo's own. The
     * schedule is the single-photo one run in step (initial pose per photo; landmark rounds, appearance,
     * then the photometric pyramid levels, each photo at its own level for its face size). A term that
     * touches only shared blocks (their priors) is the same for every photo and enters once: the joint
     * MAP estimate, in which more photos outweigh the prior as they should.
     *
     * <p>The joint solves run on the CPU (a device backend still computes each photo's visibility). The
     * solver sees the problem's arrow shape by itself: with many photos it forms JᵀJ block by block and
     * factorises it sparsely, shared blocks last, so the time grows linearly with the number of photos.
     *
     * @param focalPixels each photo's focal length in its pixels, or NaN where unknown; null for all unknown
     * @return one result per photo, in order, all with the same identity and albedo
     */
    public List<CoarseResult> fitJointly(List<RgbImage> images, List<Landmarks> landmarks, double[] focalPixels) {
        if (images.isEmpty() || images.size() != landmarks.size()
                || (focalPixels != null && focalPixels.length != images.size())) {
            throw new IllegalArgumentException("need one set of landmarks (and focal length) per image: " + images.size()
                    + " images, " + landmarks.size() + " landmark sets");
        }
        double[] identity = new double[bases.identityCount()];
        double[] albedo = new double[bases.albedoCount()];
        List<Fit> fits = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double f = focalPixels == null ? Double.NaN : focalPixels[i];
            fits.add(new Fit(images.get(i), landmarks.get(i), f, identity, albedo));
        }
        JointFit joint = new JointFit(fits);
        try {
            joint.run();
        } finally {
            fits.forEach(Fit::closeDevice);
            joint.close();
        }
        List<CoarseResult> results = new ArrayList<>();
        for (Fit fit : fits) {
            results.add(new CoarseResult(fit.parameters(), fit.projection, fit.bases.albedo(fit.albedo),
                    fit.landmarkVertices, fit.stages));
        }
        return results;
    }

    /** The single-photo schedule of {@link Fit#run()}, over several fits that share identity and albedo. */
    private final class JointFit {
        final List<Fit> fits;
        final Map<FitPhase, Double> radius = new EnumMap<>(FitPhase.class);
        /** The joint solves run on the CPU: one device context holds one photo's terms. */
        final LinearAlgebraBackend solveBackend;

        JointFit(List<Fit> fits) {
            this.fits = fits;
            this.solveBackend = backend instanceof DeviceResidentBackend
                    ? new io.inverseface.optim.backend.cpu.CpuBackend() : backend;
        }

        void close() {
            if (solveBackend != backend) {
                solveBackend.close();
            }
        }

        void run() {
            fits.forEach(Fit::initialPose);
            landmarkRounds();
            if (options.photometricRounds() == 0 && options.appearanceIterations() == 0) {
                return;
            }
            int n = fits.size();
            ImagePyramid[] pyramids = new ImagePyramid[n];
            int[] finest = new int[n], coarsest = new int[n];
            int steps = 0;
            for (int i = 0; i < n; i++) {
                Fit f = fits.get(i);
                pyramids[i] = ImagePyramid.build(f.image, 8, 16);
                finest[i] = f.finestLevel(pyramids[i]);
                coarsest[i] = Math.min(pyramids[i].levelCount() - 1, finest[i] + options.pyramidLevels() - 1);
                steps = Math.max(steps, coarsest[i] - finest[i] + 1);
            }
            appearance(pyramids, coarsest);
            for (int step = 0; step < steps; step++) {
                int[] level = new int[n];
                for (int i = 0; i < n; i++) {
                    level[i] = Math.max(finest[i], coarsest[i] - step);
                }
                photometric(pyramids, level, step);
            }
        }

        void landmarkRounds() {
            long t0 = System.nanoTime();
            List<SolverSummary> solves = new ArrayList<>();
            for (int round = 0; round < options.landmarkRounds(); round++) {
                List<FitContext> ctxs = new ArrayList<>();
                for (Fit f : fits) {
                    f.updateGeometry();
                    f.assignContour();
                    ctxs.add(f.context(FitPhase.LANDMARKS, f.image, 1.0, new int[0]));
                }
                solves.add(solve(fits, ctxs, options.landmarkIterations(), radius, solveBackend));
            }
            for (Fit f : fits) {
                f.updateGeometry();
                f.assignContour();
            }
            record("landmarks", t0, solves);
        }

        void appearance(ImagePyramid[] pyramids, int[] level) {
            long t0 = System.nanoTime();
            Round round = round(pyramids, level, FitPhase.APPEARANCE, Fit::initialLighting);
            List<SolverSummary> solves = new ArrayList<>();
            if (!round.ctxs().isEmpty() && options.appearanceIterations() > 0) {
                solves.add(solve(round.fits(), round.ctxs(), options.appearanceIterations(), radius, solveBackend));
            }
            record("appearance", t0, solves);
        }

        void photometric(ImagePyramid[] pyramids, int[] level, int step) {
            long t0 = System.nanoTime();
            List<SolverSummary> solves = new ArrayList<>();
            for (int r = 0; r < options.photometricRounds(); r++) {
                Round round = round(pyramids, level, FitPhase.PHOTOMETRIC, (f, img, ls, samples) -> f.assignContour());
                if (round.ctxs().isEmpty()) {
                    LOG.warn("No visible face vertices in any photo: skipping the photometric round");
                    break;
                }
                solves.add(solve(round.fits(), round.ctxs(), options.photometricIterations(), radius, solveBackend));
            }
            fits.forEach(Fit::updateGeometry);
            record("photometric-joint-" + step, t0, solves);
        }

        /**
         * Each photo's context at its own pyramid level, after {@code prepare}; a photo with no visible
         * samples sits the round out, and the others still fit.
         */
        Round round(ImagePyramid[] pyramids, int[] level, FitPhase phase, SampledPhoto prepare) {
            List<Fit> taking = new ArrayList<>();
            List<FitContext> ctxs = new ArrayList<>();
            for (int i = 0; i < fits.size(); i++) {
                Fit f = fits.get(i);
                RgbImage img = pyramids[i].level(level[i]);
                double ls = pyramids[i].scale(level[i]);
                int[] samples = f.samples(img, ls);
                if (samples.length > 0) {
                    prepare.accept(f, img, ls, samples);
                    taking.add(f);
                    ctxs.add(f.context(phase, img, ls, samples));
                }
            }
            return new Round(taking, ctxs);
        }

        /** The joint stage goes into every photo's summary (the same solves). */
        void record(String name, long t0, List<SolverSummary> solves) {
            StageSummary stage = new StageSummary(name, seconds(t0), last(solves), solves);
            fits.forEach(f -> f.stages.add(stage));
        }
    }

    /** The photos of one joint round that have visible samples, and their contexts, in the same order. */
    private record Round(List<Fit> fits, List<FitContext> ctxs) { }

    /** What a joint round does to a photo before taking its context, given its level and samples. */
    @FunctionalInterface
    private interface SampledPhoto {
        void accept(Fit fit, RgbImage image, double levelScale, int[] samples);
    }

    /**
     * One Levenberg-Marquardt solve of one phase over the contexts of one fit, or of several that share the
     * identity and albedo arrays: every energy of the phase builds its term from each context on that
     * fit's blocks. A term on the shared blocks alone (their priors) is the same for every photo and enters
     * once. Blocks the phase does not free are held constant, the expression kept in its bounds. A new
     * solve of a phase starts from the trust radius the last one settled on ({@code radius}), instead of
     * rediscovering it through rejected steps (each costs an evaluation).
     */
    private SolverSummary solve(List<Fit> taking, List<FitContext> ctxs, int iterations, Map<FitPhase, Double> radius,
                                LinearAlgebraBackend solveBackend) {
        FitPhase phase = ctxs.get(0).phase();
        Problem.Builder pb = Problem.builder();
        java.util.Set<double[]> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < ctxs.size(); i++) {
            FitContext ctx = ctxs.get(i);
            Fit fit = taking.get(i);
            for (FaceEnergy energy : energies) {
                if (!energy.phases().contains(phase)) {
                    continue;
                }
                FaceTerm ft = energy.build(ctx);
                if (ft == null || ft.weight() == 0) {
                    continue;
                }
                boolean sharedOnly = ft.blocks().stream()
                        .allMatch(b -> b == FaceBlock.IDENTITY || b == FaceBlock.ALBEDO);
                if (sharedOnly && i > 0) {
                    continue;
                }
                double[][] bs = new double[ft.blocks().size()][];
                for (int j = 0; j < bs.length; j++) {
                    bs[j] = fit.blocks.get(ft.blocks().get(j));
                    used.add(bs[j]);
                }
                pb.addTerm(energy.name(), ft.term(), ft.loss(), ft.weight(), bs);
            }
        }
        java.util.Set<double[]> fixed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Fit fit : taking) {
            for (Map.Entry<FaceBlock, double[]> e : fit.blocks.entrySet()) {
                if (used.contains(e.getValue()) && !phase.freeBlocks().contains(e.getKey()) && fixed.add(e.getValue())) {
                    pb.setConstant(e.getValue());
                }
            }
            if (used.contains(fit.expression) && phase.freeBlocks().contains(FaceBlock.EXPRESSION)) {
                pb.setBounds(fit.expression, model.expressionLowerBound(), model.expressionUpperBound());
            }
        }
        SolverOptions so = SolverOptions.builder().method(Method.LEVENBERG_MARQUARDT)
                .linearSolver(LinearSolverType.AUTO).backend(solveBackend).maxIterations(iterations)
                .initialTrustRadius(radius.getOrDefault(phase, INITIAL_RADIUS)).build();
        SolverSummary summary = Solver.solve(pb.build(), so);
        List<io.inverseface.optim.IterationSummary> its = summary.iterations();
        if (!its.isEmpty()) {
            double last = its.get(its.size() - 1).trustRadius();
            radius.put(phase, Math.max(MIN_CARRIED_RADIUS, Math.min(INITIAL_RADIUS, last)));
        }
        LOG.debug("{} ({} photo(s)): {}", phase, ctxs.size(), summary.briefReport());
        return summary;
    }

    /** Mutable state of one fit. */
    private final class Fit {
        final RgbImage image;
        /** The colour bases, or their grey twin for a grey photo ({@link GreyPhoto}). */
        final VertexMajorBases bases;
        final Landmarks landmarks;
        final double[] pose = new double[PoseBlock.SIZE];
        final double[] identity;
        final double[] expression = new double[CoarseStage.this.bases.expressionCount()];
        final double[] albedo;
        final double[] lighting = SphericalHarmonicsLighting.ambient(1.0).coefficients();
        final Map<FaceBlock, double[]> blocks = new EnumMap<>(FaceBlock.class);
        final List<StageSummary> stages = new ArrayList<>();
        int[] landmarkVertices = model.landmarkVertices();
        double[] landmarkNormals = new double[2 * landmarkVertices.length];
        final float[] positions = new float[3 * model.vertexCount()];
        DeviceVisibleSamples visibility;
        /** LM trust radius carried from one solve to the next of the same phase (Ceres' 1e4 to start). */
        final Map<FitPhase, Double> radius = new EnumMap<>(FitPhase.class);

        final double focalPixels;
        /** Weak perspective until the initial pose has set the camera ({@link #initialPose}). */
        Projection projection = Projection.weakPerspective();

        Fit(RgbImage image, Landmarks landmarks, double focalPixels) {
            this(image, landmarks, focalPixels, new double[CoarseStage.this.bases.identityCount()],
                    new double[CoarseStage.this.bases.albedoCount()]);
        }

        /** A fit whose identity and albedo are the given arrays (shared with other photos' fits). */
        Fit(RgbImage image, Landmarks landmarks, double focalPixels, double[] identity, double[] albedo) {
            this.identity = identity;
            this.albedo = albedo;
            this.image = image;
            this.focalPixels = focalPixels;
            this.bases = GreyPhoto.isGrey(image, landmarks) ? greyBases : CoarseStage.this.bases;
            if (this.bases == greyBases) {
                LOG.info("grey photo: fitting a grey albedo");
            }
            this.landmarks = landmarks;
            blocks.put(FaceBlock.POSE, pose);
            blocks.put(FaceBlock.IDENTITY, identity);
            blocks.put(FaceBlock.EXPRESSION, expression);
            blocks.put(FaceBlock.ALBEDO, albedo);
            blocks.put(FaceBlock.LIGHTING, lighting);
        }

        FaceParameters parameters() {
            return new FaceParameters(identity, expression, albedo, PoseBlock.toPose(pose),
                    new SphericalHarmonicsLighting(lighting));
        }

        void run() {
            initialPose();
            landmarkFit();
            if (options.photometricRounds() == 0 && options.appearanceIterations() == 0) {
                return;
            }
            // On a device each level is uploaded once per image object: fit a private copy, so that a caller
            // who reuses and repaints one image never meets last frame's pixels there.
            ImagePyramid pyramid = ImagePyramid.build(backend instanceof DeviceResidentBackend ? image.copy() : image,
                    8, 16);
            int finest = finestLevel(pyramid);
            int coarsest = Math.min(pyramid.levelCount() - 1, finest + options.pyramidLevels() - 1);
            appearance(pyramid, coarsest);
            for (int level = coarsest; level >= finest; level--) {
                photometric(pyramid, level);
            }
        }

        /** The smallest level at which the eyes are still {@code finestLevelEyeDistance} pixels apart. */
        int finestLevel(ImagePyramid pyramid) {
            double iod = landmarks.interOcularDistance();
            int level = 0;
            while (level + 1 < pyramid.levelCount() && iod * pyramid.scale(level + 1) >= options.finestLevelEyeDistance()) {
                level++;
            }
            return level;
        }

        void initialPose() {
            long t0 = System.nanoTime();
            float[] mean = model.meanShape();
            int[] lv = model.landmarkVertices();
            double[] pts = new double[3 * lv.length];
            double[] weights = new double[lv.length];
            for (int i = 0; i < lv.length; i++) {
                for (int d = 0; d < 3; d++) {
                    pts[3 * i + d] = mean[3 * lv[i] + d];
                }
                // The jaw contour is unreliable before its vertices slide; the inner face fixes the pose.
                weights[i] = i <= 16 ? 0.0 : 1.0;
            }
            Pose p = InitialPose.estimate(pts, landmarks.coordinates(), weights);
            System.arraycopy(PoseBlock.of(p), 0, pose, 0, PoseBlock.SIZE);
            // A known focal length is used as it is; otherwise the assumed distance turns into one at the
            // initial scale, and the distance then follows the fitted scale (D = f/s).
            if (!Double.isNaN(focalPixels)) {
                projection = Projection.pinhole(focalPixels, image.width(), image.height());
            } else if (Double.isFinite(options.cameraDistance())) {
                projection = Projection.atDistance(options.cameraDistance(), pose[PoseBlock.SCALE], image.width(),
                        image.height());
            }
            stages.add(new StageSummary("initial-pose", seconds(t0), Map.of(), List.of()));
        }

        void landmarkFit() {
            long t0 = System.nanoTime();
            List<SolverSummary> solves = new ArrayList<>();
            for (int round = 0; round < options.landmarkRounds(); round++) {
                updateGeometry();
                assignContour();
                FitContext ctx = context(FitPhase.LANDMARKS, image, 1.0, new int[0]);
                solves.add(solve(ctx, options.landmarkIterations()));
            }
            updateGeometry();
            assignContour();
            stages.add(new StageSummary("landmarks", seconds(t0), last(solves), solves));
        }

        void appearance(ImagePyramid pyramid, int level) {
            long t0 = System.nanoTime();
            RgbImage img = pyramid.level(level);
            double ls = pyramid.scale(level);
            int[] samples = samples(img, ls);
            List<SolverSummary> solves = new ArrayList<>();
            if (samples.length > 0 && options.appearanceIterations() > 0) {
                initialLighting(img, ls, samples);
                FitContext ctx = context(FitPhase.APPEARANCE, img, ls, samples);
                solves.add(solve(ctx, options.appearanceIterations()));
            }
            stages.add(new StageSummary("appearance", seconds(t0), last(solves), solves));
        }

        void photometric(ImagePyramid pyramid, int level) {
            long t0 = System.nanoTime();
            RgbImage img = pyramid.level(level);
            double ls = pyramid.scale(level);
            List<SolverSummary> solves = new ArrayList<>();
            for (int round = 0; round < options.photometricRounds(); round++) {
                int[] samples = samples(img, ls);
                if (samples.length == 0) {
                    LOG.warn("No visible face vertices at pyramid level {}: skipping the photometric fit there", level);
                    break;
                }
                assignContour();
                solves.add(solve(context(FitPhase.PHOTOMETRIC, img, ls, samples), options.photometricIterations()));
            }
            updateGeometry();
            stages.add(new StageSummary("photometric-L" + level, seconds(t0), last(solves), solves));
        }

        /** Ambient light that makes the mean albedo match the mean colour of the samples. */
        void initialLighting(RgbImage img, double ls, int[] samples) {
            double[] rho = new double[3];
            float[] screen = new float[3];
            Pose p = Pose.weakPerspective(pose[0], pose[1], pose[2], pose[3] * ls, pose[4] * ls, pose[5] * ls);
            io.inverseface.render.Camera cam = projection.scaled(ls).camera(p, img.width(), img.height());
            double[] sumI = new double[3], sumA = new double[3];
            for (int v : samples) {
                cam.project(positions[3 * v], positions[3 * v + 1], positions[3 * v + 2], screen, 0);
                int x = Math.min(img.width() - 1, Math.max(0, (int) screen[0]));
                int y = Math.min(img.height() - 1, Math.max(0, (int) screen[1]));
                bases.albedo(v, albedo, rho, 0);
                for (int c = 0; c < 3; c++) {
                    sumI[c] += img.get(x, y, c);
                    sumA[c] += rho[c];
                }
            }
            double[] l = SphericalHarmonicsLighting.ambient(1.0).coefficients();
            for (int c = 0; c < 3; c++) {
                double k = sumA[c] > 0 ? sumI[c] / sumA[c] : 1.0;
                for (int i = 0; i < 9; i++) {
                    lighting[9 * c + i] = k * l[9 * c + i];
                }
            }
        }

        int[] samples(RgbImage img, double ls) {
            updateGeometry();
            // The device's visibility kernels know only the weak perspective.
            DeviceVisibleSamples device = projection.isWeakPerspective() ? deviceVisibility() : null;
            if (device != null) {
                try {
                    return device.select(identity, expression, pose, img.width(), img.height(), ls,
                            options.maxSamples(), options.sampleShift());
                } catch (RuntimeException e) {
                    if (deviceVisibilityFailed.compareAndSet(false, true)) {
                        LOG.warn("visibility on the CPU: the device failed ({})", e.toString());
                    }
                }
            }
            float[] normals = model.vertexNormals(positions);
            return VisibleSamples.select(positions, normals, model.triangles(), region, pose, projection, img.width(),
                    img.height(), ls, options.maxSamples(), options.sampleShift(), rasterizer);
        }

        /** The device's visibility for this fit, built on first use; null on the CPU or after a failure. */
        DeviceVisibleSamples deviceVisibility() {
            if (visibility == null && backend instanceof DeviceResidentBackend d && !deviceVisibilityFailed.get()) {
                try {
                    visibility = new DeviceVisibleSamples(d.compute(), bases, model.triangles(), region);
                } catch (RuntimeException | LinkageError e) {
                    deviceVisibilityFailed.set(true);
                    LOG.warn("visibility on the CPU: the device failed ({})", e.toString());
                }
            }
            return visibility;
        }

        void closeDevice() {
            if (visibility != null) {
                visibility.close();
                visibility = null;
            }
        }

        void assignContour() {
            JawlineContour.Assignment a = JawlineContour.assign(model, positions, pose, landmarks);
            landmarkVertices = a.vertices();
            landmarkNormals = a.normals();
        }

        void updateGeometry() {
            model.instance(identity, expression, positions);
        }

        FitContext context(FitPhase phase, RgbImage img, double ls, int[] samples) {
            return new FitContext(model, bases, phase, img, ls, landmarks, landmarkVertices, landmarkNormals, samples,
                    parameters(), options, projection, residuals);
        }

        SolverSummary solve(FitContext ctx, int iterations) {
            return CoarseStage.this.solve(List.of(this), List.of(ctx), iterations, radius, backend);
        }
    }

    private static Map<String, Double> last(List<SolverSummary> solves) {
        return solves.isEmpty() ? Map.of() : new HashMap<>(solves.get(solves.size() - 1).costPerTerm());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }
}
