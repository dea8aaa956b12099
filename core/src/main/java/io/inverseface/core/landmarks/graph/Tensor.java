package io.inverseface.core.landmarks.graph;

import java.util.Arrays;

/**
 * A dense row-major tensor of a graph model: images are NHWC. Integer tensors (shapes, paddings,
 * axes) are held as floats too; they are small and exact up to 2^24.
 *
 * <p>The arrays are shared, not copied: kernels never modify their inputs.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] data;

    /**
     * @param shape dimensions, outermost first ({@code []} for a scalar)
     * @param data  {@code product(shape)} values
     * @throws IllegalArgumentException if the counts disagree or a dimension is negative
     */
    public Tensor(int[] shape, float[] data) {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.shape = shape;
        this.data = data;
    }

    /** @return a zero tensor of that shape */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new float[size(shape)]);
    }

    /** @return a rank-0 tensor */
    public static Tensor scalar(float value) {
        return new Tensor(new int[0], new float[] {value});
    }

    /** @return a rank-1 tensor holding these values */
    public static Tensor vector(float... values) {
        return new Tensor(new int[] {values.length}, values);
    }

    /** @return the product of the dimensions (1 for a scalar) */
    public static int size(int[] shape) {
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

    /** @return the dimensions; do not modify */
    public int[] shape() {
        return shape;
    }

    /** @return the values, row-major; do not modify */
    public float[] data() {
        return data;
    }

    /** @return number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return dimension {@code i}; negative counts from the end */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** @return the values rounded to ints (for shape-like tensors) */
    public int[] ints() {
        int[] out = new int[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(data[i]);
        }
        return out;
    }

    /** @return the same values under another shape of equal size */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
