package io.inverseface.batch;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One manifest row, as a Java bean because Spark's bean encoder maps {@code java.util.Map} to
 * {@code map<string,double>} without any Scala collection in our code (so the module builds against
 * either Scala binary version). {@link SparkReconstructionJob} renames the columns to snake case.
 */
public class ManifestRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    private String input;
    private String output;
    private String status;
    private String error;
    private Double landmarkRmsPx;
    private double seconds;
    private Map<String, Double> energies = new LinkedHashMap<>();

    public ManifestRecord() {
    }

    public static ManifestRecord ok(ImageItem item, String output, double landmarkRmsPx, double seconds,
                                    Map<String, Double> energies) {
        ManifestRecord r = new ManifestRecord();
        r.input = item.id();
        r.output = output;
        r.status = OK;
        r.landmarkRmsPx = landmarkRmsPx;
        r.seconds = seconds;
        r.energies = new LinkedHashMap<>(energies);
        return r;
    }

    public static ManifestRecord failed(ImageItem item, String error, double seconds) {
        ManifestRecord r = new ManifestRecord();
        r.input = item.id();
        r.status = FAILED;
        r.error = error;
        r.seconds = seconds;
        return r;
    }

    public String getInput() { return input; }
    public void setInput(String input) { this.input = input; }
    public String getOutput() { return output; }
    public void setOutput(String output) { this.output = output; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public Double getLandmarkRmsPx() { return landmarkRmsPx; }
    public void setLandmarkRmsPx(Double landmarkRmsPx) { this.landmarkRmsPx = landmarkRmsPx; }
    public double getSeconds() { return seconds; }
    public void setSeconds(double seconds) { this.seconds = seconds; }
    public Map<String, Double> getEnergies() { return energies; }
    public void setEnergies(Map<String, Double> energies) { this.energies = energies; }

    @Override
    public String toString() {
        return "ManifestRecord[" + input + ", " + status + (error != null ? ", " + error : "") + "]";
    }
}
