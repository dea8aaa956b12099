/**
 * Many images, one machine (or one executor): the per-item work as a reusable function
 * ({@link io.inverseface.core.batch.ImageBatchProcessor}, {@link io.inverseface.core.batch.SyntheticPairProcessor}:
 * one input in, its outputs written atomically, one {@link io.inverseface.core.batch.ManifestRow} out),
 * the JSON-lines manifest that records each item ({@link io.inverseface.core.batch.Manifest},
 * {@link io.inverseface.core.batch.ManifestAppender}) and the resumable thread-pool driver
 * ({@link io.inverseface.core.batch.BatchRunner}).
 *
 * <p>Crash safety rests on three rules: every output file is renamed into place whole; a manifest row
 * is appended (flushed and fsynced) only after all of its item's files exist; and on start the manifest
 * is compacted atomically to the rows that are still valid, so a re-run redoes exactly what a kill
 * interrupted and never records an input twice.
 */
package io.inverseface.core.batch;
