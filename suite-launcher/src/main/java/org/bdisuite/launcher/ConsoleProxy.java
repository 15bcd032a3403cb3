package org.bdisuite.launcher;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The three services under one origin on this machine, as the Ingress puts them under one host in Kubernetes: the
 * console's pages, its shared session cookie and its same-origin checks need one origin, and its links are paths.
 * Requests are routed by path prefix ({@code /console/receiver} and {@code /receiver} to the receiver,
 * {@code /console/exporter} and {@code /exporter} to the exporter, everything else to batch-admin). The Host header
 * is passed on unchanged, so a service sees the origin the browser used. One request per connection
 * ({@code Connection: close}): plain and enough for one operator's browser; not a production proxy.
 */
public final class ConsoleProxy implements Closeable {

    private static final int MAX_HEAD = 64 * 1024;
    private static final java.util.Set<String> HOP_BY_HOP =
            java.util.Set.of("connection", "keep-alive", "upgrade", "http2-settings", "proxy-connection");

    private final ServerSocket server;
    private final Map<String, Integer> portsByPrefix;
    private final int defaultPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private ConsoleProxy(ServerSocket server, Map<String, Integer> portsByPrefix, int defaultPort) {
        this.server = server;
        this.portsByPrefix = portsByPrefix;
        this.defaultPort = defaultPort;
    }

    /**
     * Listens on {@code port} (0: any free one) of the loopback address and routes to the services on their ports.
     */
    public static ConsoleProxy start(int port, int receiverPort, int batchAdminPort, int exporterPort)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ConsoleProxy proxy = new ConsoleProxy(
                server,
                Map.of(
                        "/console/receiver", receiverPort,
                        "/receiver", receiverPort,
                        "/console/exporter", exporterPort,
                        "/exporter", exporterPort),
                batchAdminPort);
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The console's address, e.g. http://localhost:8080/console. */
    public String consoleUrl() {
        return "http://localhost:" + port() + "/console";
    }

    /** Which service's port a request path goes to. */
    int portFor(String path) {
        return portsByPrefix.entrySet().stream()
                .filter(prefix -> path.equals(prefix.getKey()) || path.startsWith(prefix.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultPort);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream fromClient = client.getInputStream();
            String head = readHead(fromClient);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String path = requestLine.length > 1 ? requestLine[1].split("\\?", 2)[0] : "/";
            try (Socket service = new Socket(InetAddress.getLoopbackAddress(), portFor(path))) {
                OutputStream toService = service.getOutputStream();
                toService.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                toService.flush();
                threads.execute(() -> pipe(fromClient, toService));
                service.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            // The browser or the service went away; the next request opens a new connection.
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ended) {
            // the response is complete or either side closed
        }
    }

    /** The request line and headers up to the blank line, or null when the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new SocketException("Request head larger than " + MAX_HEAD + " bytes");
    }

    private static String withConnectionClose(String head) {
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            String name = line.contains(":")
                    ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT)
                    : "";
            // Hop-by-hop headers stay with this hop (an h2c Upgrade would keep the connection open).
            if (!HOP_BY_HOP.contains(name) && !line.isEmpty()) {
                rewritten.append(line).append("\r\n");
            }
        }
        return rewritten.append("Connection: close\r\n\r\n").toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
