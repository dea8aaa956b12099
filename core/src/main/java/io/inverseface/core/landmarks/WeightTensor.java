package io.inverseface.core.landmarks;

import java.util.Arrays;

/**
 * One named weight tensor from a TF.js manifest, dequantised to float.
 *
 * @param name   the manifest name, e.g. {@code conv1/pointwise_filter}
 * @param shape  dimensions, outermost first
 * @param values row-major values; never modified after loading
 */
public record WeightTensor(String name, int[] shape, float[] values) {

    /** Checks that the value count matches the shape. */
    public WeightTensor {
        shape = shape.clone();
        if (values.length != elementCount(shape)) {
            throw new IllegalArgumentException("weight " + name + " has " + values.length + " values for shape "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the product of the dimensions (1 for a scalar) */
    public static int elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return "WeightTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
