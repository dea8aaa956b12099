package io.inverseface.benchmarks.options;

import io.inverseface.core.coarse.CoarseOptions;
import java.lang.reflect.Method;

/**
 * {@code --set name=value,name=value}: sets coarse options by their builder method names, so that a
 * researcher can measure other priors and weights without editing code.
 */
public final class CoarseOptionOverrides {

    private CoarseOptionOverrides() {
    }

    public static void apply(CoarseOptions.Builder builder, String assignments) {
        for (String a : assignments.split(",")) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--set needs name=value, got " + a);
            }
            String name = kv[0].trim(), value = kv[1].trim();
            if (name.equals("landmarkNoise")) { // a method that sets the priors from the noise
                builder.landmarkNoise(Double.parseDouble(value));
                continue;
            }
            try {
                Method m = find(name);
                Class<?> type = m.getParameterTypes()[0];
                Object arg = type == int.class ? (Object) Integer.parseInt(value)
                        : type == boolean.class ? (Object) Boolean.parseBoolean(value) : (Object) Double.parseDouble(value);
                m.invoke(builder, arg);
            } catch (ReflectiveOperationException | NumberFormatException e) {
                throw new IllegalArgumentException("cannot set coarse option " + name + " to " + value + ": " + e, e);
            }
        }
    }

    private static Method find(String name) throws NoSuchMethodException {
        for (Method m : CoarseOptions.Builder.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1
                    && (m.getParameterTypes()[0] == double.class || m.getParameterTypes()[0] == int.class
                    || m.getParameterTypes()[0] == boolean.class)) {
                return m;
            }
        }
        throw new NoSuchMethodException("no coarse option " + name);
    }
}
