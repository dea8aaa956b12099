package io.inverseface.data.model;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server serving fixed bytes per path (404 otherwise) and recording requests. */
final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> stalling = ConcurrentHashMap.newKeySet();

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            byte[] body = files.get(path);
            if (body != null && stalling.contains(path)) {
                // Headers and a few bytes, then nothing (until the server stops or 30 s pass).
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, Math.min(8, body.length));
                out.flush();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixture-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Serves {@code body} at {@code /repo/<path>}. */
    void put(String path, byte[] body) {
        files.put("/repo/" + path, body);
    }

    /** Serves {@code /repo/<path>}'s headers and first bytes, then stalls. */
    void stall(String path) {
        stalling.add("/repo/" + path);
    }

    void remove(String path) {
        files.remove("/repo/" + path);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo/");
    }

    List<String> requested() {
        return requested;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
