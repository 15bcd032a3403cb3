package org.bdisuite.test;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.bdisuite.test.TestUsers.TestUser;

/**
 * An HTTP/1.1 client on a plain socket, for what ordinary clients cannot do: stop reading a response (with a small
 * receive buffer, so that the server's buffers fill), or send a chunked body of a chosen size.
 */
public final class RawHttpClient implements Closeable {

    /** The receive buffer of a client that stops reading: the server fills it, and then its own buffers, at once. */
    private static final int SMALL_RECEIVE_BUFFER = 4096;

    private final Socket socket;
    private final InputStream in;
    private final String head;

    private RawHttpClient(Socket socket, String head) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.head = head;
    }

    /** Sends a GET and reads only the response's status line and headers. */
    public static RawHttpClient get(URL base, String pathAndQuery, TestUser user) throws IOException {
        Socket socket = connect(base);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + basic(user) + "\r\nAccept: */*\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawHttpClient(socket, readHead(socket.getInputStream()));
    }

    /**
     * Sends a POST with a chunked body of {@code body} repeated until {@code bytes} bytes (no Content-Length: the
     * server learns the size only by reading) and reads the response's head. The body is sent by another thread, so
     * that a server which answers before it has read everything is heard; what it refuses to read is dropped.
     */
    public static RawHttpClient postChunked(
            URL base, String path, TestUser user, String contentType, byte[] body, long bytes) throws IOException {
        Socket socket = connect(base);
        OutputStream out = socket.getOutputStream();
        String request = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + basic(user) + "\r\nContent-Type: " + contentType
                + "\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        Thread sender = new Thread(
                () -> {
                    try {
                        for (long sent = 0; sent < bytes; sent += body.length) {
                            int length = (int) Math.min(body.length, bytes - sent);
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, 0, length);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // The server answered and closed before the whole body was sent: its answer is what matters.
                    }
                },
                "chunked-body-sender");
        sender.setDaemon(true);
        sender.start();
        return new RawHttpClient(socket, readHead(socket.getInputStream()));
    }

    private static Socket connect(URL base) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static String basic(TestUser user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection ended inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public int status() {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** A response header's value, or null. */
    public String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The body of a response with a Content-Length. */
    public String body() throws IOException {
        return new String(in.readNBytes(Integer.parseInt(header("Content-Length"))), StandardCharsets.UTF_8);
    }

    /** Reads what is left until the server closes the connection; the bytes read (a reset also ends it). */
    public byte[] readToEnd() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                rest.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // reset by the server: the end as well
        }
        return rest.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
