/**
 * File output shared by the project: {@link io.inverseface.render.io.AtomicFiles} (temporary file in the
 * target's directory, then atomic rename) and mesh writers for OBJ and binary PLY.
 */
package io.inverseface.render.io;
