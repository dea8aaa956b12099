package io.inverseface.examples;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.render.Camera;
import io.inverseface.render.ImageResize;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Renderer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.WeakPerspectiveCamera;
import io.inverseface.render.io.ObjWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface render}: pictures and meshes of the model's mean face and of random faces
 * (identity, expression and albedo drawn from the priors; random pose and SH lighting).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render the mean face and random faces from the model to PNG and OBJ.")
final class RenderCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, description = "Output directory (created if missing).")
    private Path output;

    @Option(names = {"-n", "--count"}, defaultValue = "4", description = "Number of random faces (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--size", defaultValue = "512", description = "Image width and height in pixels (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--model", description = "Face model directory (default: resolved automatically, see README).")
    private Path modelDirectory;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (count < 0 || count > 10_000) {
            throw new ParameterException(spec.commandLine(), "--count must be between 0 and 10000, got " + count);
        }
        if (size < 32 || size > 8192) {
            throw new ParameterException(spec.commandLine(), "--size must be between 32 and 8192, got " + size);
        }
        FaceModel model = modelDirectory != null ? FaceModels.load(modelDirectory) : FaceModels.ictLight();
        Files.createDirectories(output);
        Renderer renderer = Renderer.create().withBackground(0.12f, 0.12f, 0.14f);
        SplittableRandom random = new SplittableRandom(seed);
        List<RgbImage> pictures = new ArrayList<>();

        double[] zeroId = new double[model.identityCount()];
        double[] zeroExp = new double[model.expressionCount()];
        double[] zeroAlb = new double[model.albedoCount()];
        Pose frontal = framingPose(model, 0, 0, 0);
        pictures.add(write(model, renderer, "mean", zeroId, zeroExp, zeroAlb, frontal,
                SphericalHarmonicsLighting.fromDirectional(0.3, 0.4, 1.0, 0.75, 0.45)));

        for (int i = 1; i <= count; i++) {
            double[] id = gaussian(random, model.identityBasis().sigma());
            double[] alb = gaussian(random, model.albedoBasis().sigma());
            double[] exp = randomExpression(random, model);
            Pose pose = framingPose(model, Math.toRadians(uniform(random, -15, 15)),
                    Math.toRadians(uniform(random, -40, 40)), Math.toRadians(uniform(random, -10, 10)));
            pictures.add(write(model, renderer, String.format(Locale.ROOT, "face_%03d", i), id, exp, alb, pose,
                    randomLighting(random)));
        }
        writeContactSheet(pictures, output.resolve("overview.png"));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d faces (PNG + OBJ) and overview.png to %s%n",
                count + 1, output.toAbsolutePath());
        return 0;
    }

    private RgbImage write(FaceModel model, Renderer renderer, String name, double[] identity, double[] expression,
                           double[] albedoCoefficients, Pose pose, SphericalHarmonicsLighting lighting) throws IOException {
        Mesh mesh = model.toMesh(model.instance(identity, expression));
        float[] albedo = model.albedo(albedoCoefficients);
        Camera camera = new WeakPerspectiveCamera(pose, size, size);
        RgbImage image = renderer.render(mesh, albedo, lighting, camera).color();
        ImageFiles.writePng(image, output.resolve(name + ".png"));
        ObjWriter.write(output.resolve(name + ".obj"), mesh, albedo);
        return image;
    }

    /** A pose that centres the mean face and makes it fill about 70 % of the image height. */
    private Pose framingPose(FaceModel model, double pitch, double yaw, double roll) {
        float[] mean = model.meanShape();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int v = 0; v < mean.length; v += 3) {
            minX = Math.min(minX, mean[v]); maxX = Math.max(maxX, mean[v]);
            minY = Math.min(minY, mean[v + 1]); maxY = Math.max(maxY, mean[v + 1]);
        }
        double scale = 0.7 * size / Math.max(maxX - minX, maxY - minY);
        double cx = 0.5 * (minX + maxX), cy = 0.5 * (minY + maxY);
        // (tx, ty) is where the model origin lands; shift so that the face centre lands mid-image.
        return Pose.weakPerspective(pitch, yaw, roll, size / 2.0 - scale * cx, size / 2.0 + scale * cy, scale);
    }

    private static double[] gaussian(SplittableRandom random, double[] sigma) {
        double[] x = new double[sigma.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = sigma[i] * nextGaussian(random);
        }
        return x;
    }

    /** A few active blendshapes at moderate weights: dense random weights make implausible faces. */
    private static double[] randomExpression(SplittableRandom random, FaceModel model) {
        double[] w = new double[model.expressionCount()];
        double[] lo = model.expressionLowerBound(), hi = model.expressionUpperBound();
        for (int k = 0; k < 4; k++) {
            int i = random.nextInt(w.length);
            w[i] = Math.max(lo[i], Math.min(hi[i], uniform(random, 0.2, 0.8)));
        }
        return w;
    }

    private static SphericalHarmonicsLighting randomLighting(SplittableRandom random) {
        double dx = uniform(random, -1, 1), dy = uniform(random, -0.3, 1), dz = uniform(random, 0.4, 1.2);
        return SphericalHarmonicsLighting.fromDirectional(dx, dy, dz, uniform(random, 0.5, 0.9), uniform(random, 0.3, 0.55));
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    private static double nextGaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** All pictures side by side (at most 4 a row), at half size, for a quick look. */
    private void writeContactSheet(List<RgbImage> pictures, Path target) throws IOException {
        int columns = Math.min(4, pictures.size()), rows = (pictures.size() + columns - 1) / columns;
        RgbImage first = ImageResize.downsample2(pictures.get(0));
        int cw = first.width(), ch = first.height();
        RgbImage sheet = new RgbImage(columns * cw, rows * ch);
        for (int i = 0; i < pictures.size(); i++) {
            RgbImage small = i == 0 ? first : ImageResize.downsample2(pictures.get(i));
            int ox = (i % columns) * cw, oy = (i / columns) * ch;
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    sheet.set(ox + x, oy + y, small.get(x, y, 0), small.get(x, y, 1), small.get(x, y, 2));
                }
            }
        }
        ImageFiles.writePng(sheet, target);
    }
}
