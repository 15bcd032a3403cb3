package org.bdisuite.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which of the ports the suite needs are already in use, checked before anything is started. */
final class Ports {

    private Ports() {}

    /** @return one line per port in use, e.g. "8081 (receiver-service)"; empty when all are free */
    static List<String> taken(Map<String, Integer> portsByUser) {
        List<String> taken = new ArrayList<>();
        portsByUser.forEach((user, port) -> {
            if (!isFree(port)) {
                taken.add(port + " (" + user + ")");
            }
        });
        return taken;
    }

    static boolean isFree(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // A listener on another address (0.0.0.0, ::) may still let a bind on 127.0.0.1 succeed on some
        // systems, so a successful connect counts as taken too.
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(loopback, port), 300);
            return false;
        } catch (IOException nobodyListens) {
            // expected when free
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers themselves bind: connections of the previous run still in TIME_WAIT do not count.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback, port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
