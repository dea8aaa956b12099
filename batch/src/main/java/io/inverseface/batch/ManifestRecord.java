package io.inverseface.batch;

import io.inverseface.core.batch.ManifestRow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One manifest row, as a Java bean because Spark's bean encoder maps {@code java.util.Map} to
 * {@code map<string,double>} and {@code java.util.List} to {@code array<string>} without any Scala
 * collection in our code (so the module builds against either Scala binary version).
 * {@link SparkReconstructionJob} renames the columns to snake case.
 */
public class ManifestRecord implements Serializable {

    private static final long serialVersionUID = 2L;

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    private String input;
    private String output;
    private String status;
    private String error;
    private Double landmarkRmsPx;
    private double seconds;
    private Map<String, Double> energies = new LinkedHashMap<>();
    private List<String> files = new ArrayList<>();
    private String key;
    private boolean resumed;

    public ManifestRecord() {
    }

    /**
     * @param row     the folder's row (files, energies, key) as {@link ImageOutputFolder} stores it
     * @param seconds this run's time for the image (for a resumed one: reading and hashing it)
     * @param resumed true when the result was found done and nothing was fitted or written
     */
    public static ManifestRecord ok(ImageItem item, ManifestRow row, double seconds, boolean resumed) {
        ManifestRecord r = new ManifestRecord();
        r.input = item.id();
        r.output = item.outputName();
        r.status = OK;
        r.landmarkRmsPx = Double.isFinite(row.landmarkRms()) ? row.landmarkRms() : null;
        r.seconds = seconds;
        r.energies = new LinkedHashMap<>(row.energies());
        r.files = new ArrayList<>(row.files());
        r.key = row.key();
        r.resumed = resumed;
        return r;
    }

    /** @param key the resume key when the photo could be read, else null */
    public static ManifestRecord failed(ImageItem item, String error, double seconds, String key) {
        ManifestRecord r = new ManifestRecord();
        r.input = item.id();
        r.status = FAILED;
        r.error = error;
        r.seconds = seconds;
        r.key = key;
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
    public List<String> getFiles() { return files; }
    public void setFiles(List<String> files) { this.files = files; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public boolean isResumed() { return resumed; }
    public void setResumed(boolean resumed) { this.resumed = resumed; }

    @Override
    public String toString() {
        return "ManifestRecord[" + input + ", " + status + (resumed ? ", resumed" : "") + (error != null ? ", " + error : "") + "]";
    }
}
