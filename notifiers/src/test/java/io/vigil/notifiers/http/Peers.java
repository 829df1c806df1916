package io.vigil.notifiers.http;

import okhttp3.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Real peers on the loopback interface. */
final class Peers {
    private Peers() {
    }

    static MockWebServer server() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** A loopback port nothing listens on: it was bound and released, so connecting is refused. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
