package io.inverseface.examples;

import io.inverseface.core.batch.ManifestRow;
import java.util.Map;

/**
 * One manifest row with the report's thumbnails of it.
 *
 * @param row        the row
 * @param thumbnails relative path of each column's thumbnail (columns without a picture are absent)
 */
record ReportEntry(ManifestRow row, Map<ReportThumbnails.Column, String> thumbnails) {

    ReportEntry {
        thumbnails = Map.copyOf(thumbnails);
    }
}
