package io.inverseface.compute.opencl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;

import io.inverseface.compute.SignalChaining;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as found by {@link #discover()}.
 *
 * @param platform     JOCL platform handle
 * @param device       JOCL device handle
 * @param platformName e.g. "Portable Computing Language"
 * @param name         e.g. "pthread-skylake-avx512"
 * @param gpu          true for CL_DEVICE_TYPE_GPU (AUTO only ever picks these)
 * @param fp64         true when the device has double precision (cl_khr_fp64)
 * @param computeUnits CL_DEVICE_MAX_COMPUTE_UNITS, used to size the row slices of the reductions
 */
public record OpenClDevice(cl_platform_id platform, cl_device_id device, String platformName, String name,
                           boolean gpu, boolean fp64, int computeUnits) {

    /**
     * All devices of all platforms, GPUs first. Throws whatever JOCL throws when there is no
     * OpenCL runtime at all (UnsatisfiedLinkError, CLException); callers probing wrap it.
     */
    public static List<OpenClDevice> discover() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        if (count[0] > 0) {
            CL.clGetPlatformIDs(count[0], platforms, null);
        }
        List<OpenClDevice> gpus = new ArrayList<>();
        List<OpenClDevice> others = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            int[] n = new int[1];
            try {
                CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (RuntimeException noDevices) { // CL_DEVICE_NOT_FOUND on an empty platform
                continue;
            }
            cl_device_id[] devices = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, n[0], devices, null);
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            if (platformName.contains("Portable Computing Language")) {
                SignalChaining.warnIfInactive("PoCL");
            }
            for (cl_device_id d : devices) {
                long type = deviceLong(d, CL_DEVICE_TYPE);
                boolean gpu = (type & CL_DEVICE_TYPE_GPU) != 0;
                boolean fp64 = doubleConfig(d) != 0;
                int units = (int) deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS);
                OpenClDevice found = new OpenClDevice(platform, d, platformName,
                        deviceString(d, CL_DEVICE_NAME), gpu, fp64, Math.max(1, units));
                (gpu ? gpus : others).add(found);
            }
        }
        gpus.addAll(others);
        return gpus;
    }

    /** One line for logs and the CLI, e.g. {@code "Portable Computing Language / pthread-… (CPU, fp64, 2 CUs)"}. */
    public String describe() {
        return platformName + " / " + name + " (" + (gpu ? "GPU" : "non-GPU") + (fp64 ? ", fp64" : ", no fp64")
                + ", " + computeUnits + " CUs)";
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    /** CL_DEVICE_DOUBLE_FP_CONFIG; 0 where the query itself is not supported (pre-1.2 devices without fp64). */
    private static long doubleConfig(cl_device_id d) {
        try {
            return deviceLong(d, CL_DEVICE_DOUBLE_FP_CONFIG);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long deviceInt(cl_device_id d, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }
}
