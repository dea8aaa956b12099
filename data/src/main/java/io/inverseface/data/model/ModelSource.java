package io.inverseface.data.model;

/** Where a model directory was found, in the order {@link ModelResolver} tries them. */
public enum ModelSource {
    /** A path given by the caller. */
    EXPLICIT,
    /** The {@code INVERSEFACE_MODEL} environment variable. */
    ENVIRONMENT,
    /** The per-user cache ({@code $XDG_CACHE_HOME/inverseface} or {@code ~/.cache/inverseface}). */
    USER_CACHE,
    /** {@code shared/models/...} beside a source checkout. */
    SHARED_CHECKOUT,
    /** Downloaded from the pinned upstream commit, converted and written into the user cache. */
    DOWNLOAD
}
