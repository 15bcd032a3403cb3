package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aListeningPortIsTakenAndNamedWithItsUser() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            assertThat(Ports.taken(Map.of("SMTP", port))).containsExactly(port + " (SMTP)");
        }
    }

    @Test
    void connectionsOfAStoppedServerStillInTimeWaitDoNotMakeItsPortTaken() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            port = listener.getLocalPort();
            // The side that closes first keeps the connection in TIME_WAIT: here the server, as on a restart.
            listener.accept().close();
        }
        assertThat(Ports.isFree(port)).isTrue();
    }
}
