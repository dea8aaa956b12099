package io.inverseface.compute;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read-only tables of {@link ComputeDevice#constant}: keyed by (owner identity, name), the owner held
 * weakly, at most {@link #MAX_CONSTANTS} kept with the least recently used dropped first, so that a face
 * model's bases are uploaded once for every fit that uses them without pinning models that are gone.
 */
final class ConstantCache {

    /** Device-resident constant tables kept (least recently used dropped first). */
    private static final int MAX_CONSTANTS = 64;

    private final Map<Key, DeviceBuffer> tables = new LinkedHashMap<>(16, 0.75f, true);

    /** The table of (owner, name), uploaded by {@code upload} on first use. */
    DeviceBuffer get(Object owner, String name, Supplier<DeviceBuffer> upload) {
        // Tables of owners that were garbage-collected are freed here.
        Iterator<Map.Entry<Key, DeviceBuffer>> it = tables.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, DeviceBuffer> e = it.next();
            if (e.getKey().owner().cleared()) {
                it.remove();
                e.getValue().close();
            }
        }
        Key key = new Key(new IdentityRef(owner), name);
        DeviceBuffer b = tables.get(key);
        if (b == null) {
            b = upload.get();
            tables.put(key, b);
            if (tables.size() > MAX_CONSTANTS) {
                Iterator<DeviceBuffer> eldest = tables.values().iterator();
                DeviceBuffer old = eldest.next();
                eldest.remove();
                old.close();
            }
        }
        return b;
    }

    /** Forgets every table (the device frees their memory with its other buffers). */
    void clear() {
        tables.clear();
    }

    private record Key(IdentityRef owner, String name) {
    }

    /** The owner of a constant table, held weakly and compared by identity. */
    private static final class IdentityRef {
        private final WeakReference<Object> target;
        private final int hash;

        IdentityRef(Object target) {
            this.target = new WeakReference<>(target);
            this.hash = System.identityHashCode(target);
        }

        boolean cleared() {
            return target.get() == null;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = target.get();
            return mine != null && o instanceof IdentityRef r && r.target.get() == mine;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
