package org.bdisuite.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The demo stores the transporter's destination "receiver" (the local receiver) through batch-admin's API once, and
 * leaves a destination that is already there alone. Batch-admin is a real HTTP listener of the test here.
 */
class ReceiverDestinationStepTest {

    @Test
    void storesTheLocalReceiverAsDestinationOnceAndLeavesAnExistingOneAlone() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        boolean[] stored = {false};
        HttpServer batchAdmin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        batchAdmin.createContext("/system-setting/destinations/receiver", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            int status = exchange.getRequestMethod().equals("PUT") ? 200 : stored[0] ? 200 : 404;
            stored[0] |= exchange.getRequestMethod().equals("PUT");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        batchAdmin.start();
        try {
            URI batchAdminUrl =
                    URI.create("http://127.0.0.1:" + batchAdmin.getAddress().getPort());
            List<String> report = new ArrayList<>();
            DemoContext ctx = new DemoContext(
                    null,
                    null,
                    "admin",
                    "demo-password-1",
                    Map.of(
                            "batch-admin-service",
                            batchAdminUrl,
                            "receiver-service",
                            URI.create("http://127.0.0.1:8081")),
                    report::add);
            ReceiverDestinationStep step = new ReceiverDestinationStep();
            step.apply(ctx);
            step.apply(ctx);

            assertThat(calls).hasSize(3);
            assertThat(calls.get(0)).startsWith("GET Basic ");
            assertThat(calls.get(1))
                    .startsWith("PUT Basic ")
                    .contains(
                            "\"url\":\"http://127.0.0.1:8081/\"",
                            "\"username\":\"admin\"",
                            "\"password\":\"demo-password-1\"");
            assertThat(calls.get(2)).startsWith("GET ");
            assertThat(report)
                    .anyMatch(line -> line.contains("stored destination receiver: http://127.0.0.1:8081/"))
                    .anyMatch(line -> line.contains("was already there"))
                    .noneMatch(line -> line.contains("demo-password-1"));
        } finally {
            batchAdmin.stop(0);
        }
    }
}
