package io.inverseface.render.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, e.g. the body that writes a file's bytes. */
@FunctionalInterface
public interface IoConsumer<T> {
    void accept(T value) throws IOException;
}
