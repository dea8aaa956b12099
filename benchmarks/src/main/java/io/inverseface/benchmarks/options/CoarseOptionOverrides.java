package io.inverseface.benchmarks.options;

import io.inverseface.core.fit.CoarseOptions;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.FaceReconstructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --set name=value,name=value}: sets the coarse fit's schedule and its energies' weights, so that a
 * researcher can measure other priors and weights without editing code.
 * <ul>
 *   <li>{@code energy.setting=v} calls the energy's {@code withSetting(v)} (for example
 *       {@code landmarks.jawWeight=1}, {@code identity-prior.photometricWeight=1e-3});</li>
 *   <li>{@code landmarkNoise=σ} sets the shape priors from the landmarks' error
 *       ({@link FaceReconstructor.Builder#landmarkNoise});</li>
 *   <li>any other name is a {@link CoarseOptions.Builder} method ({@code maxSamples=2000}).</li>
 * </ul>
 * The names the weights had while they were coarse options ({@code jawLandmarkWeight}, ...) still work,
 * so that the commands recorded in BENCHMARKS.md run as written.
 */
public final class CoarseOptionOverrides {

    /** Former coarse options → the energy settings they became. */
    private static final Map<String, List<String>> FORMER = Map.of(
            "landmarkWeight", List.of("landmarks.weight"),
            "jawLandmarkWeight", List.of("landmarks.jawWeight"),
            "landmarkRobustThreshold", List.of("landmarks.robustThreshold"),
            "photometricWeight", List.of("photo-consistency.weight"),
            "photometricRobustThreshold", List.of("photo-consistency.robustThreshold"),
            "identityPriorWeight", List.of("identity-prior.weight"),
            "photometricIdentityPriorWeight", List.of("identity-prior.photometricWeight"),
            "expressionPriorWeight", List.of("expression-prior.weight", "expression-prior.photometricWeight"),
            "albedoPriorWeight", List.of("albedo-prior.weight", "albedo-prior.photometricWeight"));

    private CoarseOptionOverrides() {
    }

    /** The assignments as one change to a reconstructor's builder, applied in the order written. */
    public static Consumer<FaceReconstructor.Builder> parse(String assignments) {
        List<Consumer<FaceReconstructor.Builder>> steps = new ArrayList<>();
        for (String a : assignments.split(",")) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--set needs name=value, got " + a);
            }
            String name = kv[0].trim(), value = kv[1].trim();
            for (String target : FORMER.getOrDefault(name, List.of(name))) {
                steps.add(step(target, value));
            }
        }
        return b -> steps.forEach(s -> s.accept(b));
    }

    private static Consumer<FaceReconstructor.Builder> step(String name, String value) {
        if (name.equals("landmarkNoise")) {
            double sigma = Double.parseDouble(value);
            return b -> b.landmarkNoise(sigma);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String energy = name.substring(0, dot);
            String method = "with" + name.substring(dot + 1, dot + 2).toUpperCase(Locale.ROOT) + name.substring(dot + 2);
            return b -> b.updateEnergy(energy, FaceEnergy.class, e -> (FaceEnergy) invoke(e, method, value, name));
        }
        return b -> b.coarse(c -> invoke(c, name, value, name));
    }

    private static Object invoke(Object target, String method, String value, String setting) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == 1) {
                Class<?> type = m.getParameterTypes()[0];
                try {
                    Object arg = type == int.class ? (Object) Integer.parseInt(value)
                            : type == boolean.class ? (Object) Boolean.parseBoolean(value) : (Object) Double.parseDouble(value);
                    return m.invoke(target, arg);
                } catch (ReflectiveOperationException | NumberFormatException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new IllegalArgumentException("cannot set " + setting + " to " + value + ": " + cause.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("no setting " + setting + " (" + target.getClass().getSimpleName()
                + " has no " + method + ")");
    }
}
