import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiver's upload and merge throughput against their baselines, in one run, on loopback:
 * <ul>
 * <li>(a) 1,000 blocks of 1 MiB over 1 and over 4 connections, (b) 5,000 blocks of 20 KB over 4 connections:
 * receiver-service (durable: each block streamed to a temporary file, sha-256, fsync, rename, folder fsync and its
 * row committed) against nginx storing each PUT body as a file (its DAV module: temporary file, rename, no fsync);
 * <li>(c) endTransaction merging 100 blocks of 10 MiB at interface level (transferTo, fsync, rename, handshake row)
 * against {@code cat} of the same files into one and {@code sync}.
 * </ul>
 * Next to each upload row, in the same run: write+fsync (each block written to its own file and forced, the goals'
 * baseline) and the durable floor (what a 200 of the receiver waits for, without HTTP: the block's folder, its bytes
 * forced, the rename, the folders forced, the row committed; see {@link #timeDurableFloor}). The floor is the most any
 * receiver can reach on this disk while it keeps the promise of a 200 and the rule temp file + fsync + rename.
 * The same client (java.net.http, HTTP/1.1, one client and so one kept-alive connection per thread) sends the same
 * bytes from memory to both servers. Each figure is the median of REPEATS runs, nginx and receiver alternating,
 * with a {@code sync} before each. The receiver runs with a small heap, and a last upload of a block larger than
 * that heap shows that bodies are streamed, not buffered. Run with bench/receiver.sh.
 */
public class ReceiverBenchmark {

    private static final int MIB = 1024 * 1024;
    private static final String PASSWORD = "benchmark-password-1";
    private static final String HEAP = System.getProperty("receiver.heap", "-Xmx128m");
    private static final int STREAMING_BLOCK = 200 * MIB;
    /**
     * The receiver's per-phase upload timers at /q/metrics (UploadPhases). The value is the token after the labels'
     * "} ": with OpenTelemetry, Micrometer may append an exemplar ({@code # {trace_id="..."} 0.0123 1733...}).
     */
    private static final Pattern PHASE_LINE =
            Pattern.compile("(?m)^bdi_receiver_upload_phase_seconds_(count|sum)\\{[^}]*phase=\"([a-z-]+)\"[^}]*} ([0-9.E+-]+)(?=\\s|$)");
    private static final List<String> PHASES =
            List.of("authentication", "dispatch", "target", "body", "quota", "lock", "file-force", "record",
                    "folder-force", "commit", "response");
    /**
     * Which rows to run (-Dreceiver.rows=a1,a4,b4,c; all by default): a quick look at one row while changing the
     * receiver. A recorded figure runs them all.
     */
    private static final List<String> ROWS = List.of(System.getProperty("receiver.rows", "a1,a4,b4,c").split(","));

    private final int repeats;
    private final Path work;
    private final byte[] data;
    private final AtomicInteger sequence = new AtomicInteger();
    /** The durable floor's steps (ns summed over its blocks): the bytes, the rename with the row, the commit. */
    private final LongAdder floorBytes = new LongAdder();
    private final LongAdder floorRename = new LongAdder();
    private final LongAdder floorCommit = new LongAdder();
    private BenchSupport.Service receiver;
    private String jdbcUrl;
    private int nginxPort;
    private String authorization;

    ReceiverBenchmark(int repeats, Path work) {
        this.repeats = repeats;
        this.work = work;
        this.data = csv(10 * MIB);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = root.resolve("target/bench-receiver-work");
        BenchSupport.emptyFolder(work);
        new ReceiverBenchmark(repeats, work).run(root);
    }

    private void run(Path root) throws Exception {
        try (EmbeddedPostgres postgres = BenchSupport.startDatabase(work.resolve("postgres"))) {
            jdbcUrl = postgres.getJdbcUrl("postgres", "bench");
            Path base = Files.createDirectories(work.resolve("receiver"));
            BenchSupport.Service started = BenchSupport.startService(root.resolve("receiver-service/target/quarkus-app/quarkus-run.jar"),
                    jdbcUrl, PASSWORD, List.of(HEAP.split(" ")), Map.of("SUITE_RECEIVER_BASE_FOLDER", base.toString(),
                            "SUITE_RECEIVER_MAX_BLOCK_BYTES", String.valueOf(240L * MIB),
                            "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "241M"));
            receiver = started;
            authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            Process nginx = null;
            try (started) {
                nginx = startNginx();
                System.out.printf("receiver-service %s ready in %.1f s, nginx on port %d; median of %d runs each%s%n%n",
                        HEAP, receiver.readySeconds(), nginxPort, repeats,
                        SOCKET_CLIENT ? "; plain-socket client, " + PIPELINE + " request(s) in flight per connection"
                                : "; java.net.http client, one request at a time per connection");
                if (repeats < 0) {
                    // Keeps the receiver up for a manual look (curl, jcmd): bench/receiver.sh --no-build -1
                    System.out.println("receiver on port " + started.port() + ", pid " + started.process().pid());
                    Thread.sleep(-repeats * 1000L);
                    return;
                }
                if (repeats == 0) {
                    streamingCheck();
                    return;
                }
                warmUp();
                // The goals (issue 19) are ratios to write+fsync, the floor of any durable store on this disk.
                System.out.printf("%-34s %14s %14s %8s %14s %8s %6s%n", "workload", "nginx", "receiver", "x nginx",
                        "write+fsync", "x fsync", "goal");
                if (ROWS.contains("a1")) {
                    upload("(a) 1,000 x 1 MiB, 1 connection", 1000, MIB, 1, 0.8);
                }
                if (ROWS.contains("a4")) {
                    upload("(a) 1,000 x 1 MiB, 4 connections", 1000, MIB, 4, 0.8);
                }
                if (ROWS.contains("b4")) {
                    upload("(b) 5,000 x 20 KB, 4 connections", 5000, 20_000, 4, 0.5);
                }
                if (ROWS.contains("c")) {
                    merge(postgres, base);
                }
                streamingCheck();
            } finally {
                if (nginx != null) {
                    nginx.destroy();
                    nginx.waitFor();
                }
            }
        }
    }

    /** The same rows for every block: a block's bytes are a prefix of this CSV text. */
    private static byte[] csv(int size) {
        StringBuilder rows = new StringBuilder(size + 200);
        for (int row = 0; rows.length() < size; row++) {
            rows.append(row).append(",ITEM").append(row * 7919 % 100_000).append(",Diff group ").append(row % 97)
                    .append(",2026-11-22 10:15:30,").append(row % 13).append('\n');
        }
        byte[] bytes = rows.substring(0, size).getBytes(StandardCharsets.US_ASCII);
        bytes[size - 1] = '\n';
        return bytes;
    }

    private Process startNginx() throws Exception {
        nginxPort = BenchSupport.freePort();
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(prefix.resolve("www"));
        Files.createDirectories(prefix.resolve("body-temp"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                user root;
                worker_processes %d;
                error_log %s/error.log;
                pid %s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    # One connection for all of a run's requests, as the receiver keeps it (nginx closes after 1,000
                    # by default, which a pipelining client cannot follow).
                    keepalive_requests 1000000;
                    client_body_temp_path %s/body-temp;
                    client_max_body_size 0;
                    server {
                        listen 127.0.0.1:%d;
                        root %s/www;
                        location / { dav_methods PUT; create_full_put_path on; }
                    }
                }
                """.formatted(Runtime.getRuntime().availableProcessors(), prefix, prefix, prefix, nginxPort, prefix));
        Process nginx = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        while (!accepts(nginxPort) && nginx.isAlive()) {
            Thread.sleep(20);
        }
        if (!nginx.isAlive()) {
            throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("stdout.log")));
        }
        return nginx;
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void warmUp() throws Exception {
        timeReceiverUploads(300, MIB, 4);
        timeNginxUploads(300, MIB, 4);
        timeReceiverUploads(2000, 20_000, 4);
    }

    private void upload(String name, int blocks, int size, int connections, double goal) throws Exception {
        List<Double> nginx = new ArrayList<>();
        List<Double> receiverTimes = new ArrayList<>();
        List<Double> fsyncTimes = new ArrayList<>();
        List<Double> floorTimes = new ArrayList<>();
        floorBytes.reset();
        floorRename.reset();
        floorCommit.reset();
        Map<String, double[]> before = phaseTotals();
        for (int i = 0; i < repeats; i++) {
            nginx.add(timeNginxUploads(blocks, size, connections));
            receiverTimes.add(timeReceiverUploads(blocks, size, connections));
            fsyncTimes.add(timeDurableWrites(blocks, size, connections));
            floorTimes.add(timeDurableFloor(blocks, size, connections));
        }
        Map<String, double[]> after = phaseTotals();
        double megabytes = (double) blocks * size / MIB;
        double nginxRate = megabytes / BenchSupport.median(nginx);
        double receiverRate = megabytes / BenchSupport.median(receiverTimes);
        double fsyncRate = megabytes / BenchSupport.median(fsyncTimes);
        double floorRate = megabytes / BenchSupport.median(floorTimes);
        System.out.printf("%-34s %9.0f MiB/s %9.0f MiB/s %7.2fx %9.0f MiB/s %7.2fx %5.1fx   (%.0f vs %.0f blocks/s)%n",
                name, nginxRate, receiverRate, receiverRate / nginxRate, fsyncRate, receiverRate / fsyncRate, goal,
                nginxRate * MIB / size, receiverRate * MIB / size);
        StringBuilder phases = new StringBuilder("    receiver per block (ms, mean over the runs):");
        double total = 0;
        for (String phase : PHASES) {
            double[] b = before.getOrDefault(phase, new double[2]);
            double[] a = after.getOrDefault(phase, new double[2]);
            double ms = a[0] > b[0] ? (a[1] - b[1]) / (a[0] - b[0]) * 1000 : 0;
            total += ms;
            phases.append(String.format(" %s %.2f", phase, ms));
        }
        System.out.println(phases.append(String.format(" = %.2f; wall per block per connection %.2f", total,
                connections * 1000.0 * size / MIB / receiverRate)));
        double floorBlocks = (double) blocks * repeats * 1e6;
        System.out.printf("    durable floor (the receiver's forces, rename and row, no HTTP): %.0f MiB/s, %.2fx of"
                + " write+fsync, %.2f ms per block per connection (bytes written and forced %.2f, rename and folder"
                + " forces with the row %.2f, commit %.2f); receiver %.2fx of the floor%n", floorRate,
                floorRate / fsyncRate, connections * 1000.0 * size / MIB / floorRate, floorBytes.sum() / floorBlocks,
                floorRename.sum() / floorBlocks, floorCommit.sum() / floorBlocks, receiverRate / floorRate);
    }

    /** Per phase: the count and the summed seconds of the receiver's upload timers so far. */
    private Map<String, double[]> phaseTotals() throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(receiverRequest("/q/metrics").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> totals = new java.util.HashMap<>();
        Matcher line = PHASE_LINE.matcher(metrics);
        while (line.find()) {
            totals.computeIfAbsent(line.group(2), p -> new double[2])[line.group(1).equals("count") ? 0 : 1] =
                    Double.parseDouble(line.group(3));
        }
        return totals;
    }

    /**
     * The floor of any durable store on this disk: the same threads write each block to its own file and fsync it,
     * with no HTTP, no rename and no database row. nginx does not fsync, so this shows what durability alone costs.
     */
    private double timeDurableWrites(int blocks, int size, int connections) throws Exception {
        Path folder = Files.createDirectories(work.resolve("fsync-run" + sequence.incrementAndGet()));
        BenchSupport.sync();
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long begin = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(threads.submit(() -> {
                    for (int n; (n = next.incrementAndGet()) <= blocks; ) {
                        writeForced(folder.resolve("block_" + n + ".csv"), size);
                    }
                    return null;
                }));
            }
            return secondsWhenDone(begin, done);
        } finally {
            threads.shutdownNow();
            BenchSupport.deleteTree(folder);
        }
    }

    /**
     * The floor of the receiver's own promise on this disk: what a 200 waits for, without HTTP, authentication, the
     * digest or any lock. Per block, as the receiver does it (DurableFiles, ReceiverBlocks), with the same overlaps:
     * the block's folder is made and its parent forced while the bytes are written to a temporary file and forced;
     * then the rename, and the folder's force while the row is inserted; the commit (its WAL flush) once both folder
     * forces are done. Each thread has its own connection, as each upload has its own transaction. The rows go to a
     * table of the benchmark's with the receiver's unique (transmission, block) rule.
     */
    private double timeDurableFloor(int blocks, int size, int connections) throws Exception {
        Path transmission = Files.createDirectories(work.resolve("floor-run" + sequence.incrementAndGet()));
        try (Connection setup = DriverManager.getConnection(jdbcUrl); Statement ddl = setup.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_floor_block (id bigserial PRIMARY KEY, transmission text,"
                    + " block_number int, block_bytes bigint, dir text, file_name text,"
                    + " create_time timestamptz DEFAULT now(), UNIQUE (transmission, block_number))");
        }
        List<Connection> sessions = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Connection session = DriverManager.getConnection(jdbcUrl);
            session.setAutoCommit(false);
            sessions.add(session);
        }
        BenchSupport.sync();
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        ExecutorService forces = Executors.newCachedThreadPool();
        try {
            long begin = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (Connection session : sessions) {
                done.add(threads.submit(() -> {
                    try (PreparedStatement insert = session.prepareStatement("INSERT INTO bench_floor_block"
                            + " (transmission, block_number, block_bytes, dir, file_name) VALUES (?, ?, ?, ?, ?)")) {
                        for (int n; (n = next.incrementAndGet()) <= blocks; ) {
                            storeDurably(transmission, n, size, insert, forces);
                            long committing = System.nanoTime();
                            session.commit();
                            floorCommit.add(System.nanoTime() - committing);
                        }
                    }
                    return null;
                }));
            }
            return secondsWhenDone(begin, done);
        } finally {
            threads.shutdownNow();
            forces.shutdownNow();
            for (Connection session : sessions) {
                session.close();
            }
            BenchSupport.deleteTree(transmission);
        }
    }

    /** One block of the floor, up to its commit: folder, bytes, forces, rename, row. */
    private void storeDurably(Path transmission, int n, int size, PreparedStatement insert, ExecutorService forces)
            throws Exception {
        long begin = System.nanoTime();
        Path folder = Files.createDirectory(transmission.resolve(String.valueOf(n)));
        CompletableFuture<Void> parentForced = CompletableFuture.runAsync(() -> forceFolder(transmission), forces);
        Path temporary = folder.resolve(".Bench_" + n + ".csv.tmp");
        writeForced(temporary, size);
        long forced = System.nanoTime();
        floorBytes.add(forced - begin);
        Path target = folder.resolve("Bench_" + n + ".csv");
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        CompletableFuture<Void> folderForced = CompletableFuture.runAsync(() -> forceFolder(folder), forces);
        insert.setString(1, transmission.getFileName().toString());
        insert.setInt(2, n);
        insert.setLong(3, size);
        insert.setString(4, folder.toString());
        insert.setString(5, target.getFileName().toString());
        insert.executeUpdate();
        CompletableFuture.allOf(parentForced, folderForced).join();
        floorRename.add(System.nanoTime() - forced);
    }

    /** A new file holding the first {@code size} bytes of the data, forced to disk. */
    private void writeForced(Path path, int size) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(data, 0, size);
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(true);
        }
    }

    /** Seconds since {@code begin} once every thread's work is done. */
    private static double secondsWhenDone(long begin, List<Future<Void>> done) throws Exception {
        for (Future<Void> f : done) {
            f.get();
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private static void forceFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double timeNginxUploads(int blocks, int size, int connections) throws Exception {
        String folder = "run" + sequence.incrementAndGet();
        BenchSupport.sync();
        double seconds = send(blocks, connections, n -> new Call("PUT",
                URI.create("http://127.0.0.1:" + nginxPort + "/" + folder + "/" + n + "/block_" + n + ".csv"), Map.of(),
                size), 201);
        BenchSupport.deleteTree(work.resolve("nginx/www").resolve(folder));
        return seconds;
    }

    private double timeReceiverUploads(int blocks, int size, int connections) throws Exception {
        int n = sequence.incrementAndGet();
        String tx = "Tx%23bench" + n;
        post("/receiver/beginTransaction/" + tx + "/Bench_Fnd/BENCH/bench/" + n + "/FULL/2026-11-22T10:00:00Z");
        post("/receiver/beginTransmission/" + tx + "/T" + n + "/BENCH/Bench_Fnd/Bench/1/1/" + blocks + "/1");
        BenchSupport.sync();
        double seconds = send(blocks, connections, b -> new Call("POST", receiver.uri("/receiver/uploadDataBlock/" + tx
                + "/T" + n + "/BENCH/Bench_Fnd/Bench/" + b + "/1000"), Map.of("Authorization", authorization,
                "Content-Type", "text/csv"), size), 200);
        BenchSupport.deleteTree(work.resolve("receiver/bdi-data/Tx#bench" + n));
        return seconds;
    }

    /** One request: its method, address and headers, and the first {@code size} bytes of the data as its body. */
    private record Call(String method, URI uri, Map<String, String> headers, int size) {}

    /**
     * Requests in flight per connection (-Dreceiver.pipeline=N): N > 1 pipelines (HTTP/1.1) up to N requests per
     * connection over a plain socket, so that the client's sending of the next block overlaps the server's work on
     * the one before. Both servers are measured the same way.
     */
    private static final int PIPELINE = Integer.getInteger("receiver.pipeline", 1);

    /**
     * The client (-Dreceiver.client=socket|jdk): {@code socket} (the default since 2026-12-05) writes each request
     * to a plain socket and reads its answer (pipelined when {@link #PIPELINE} > 1), so that the wall time is the
     * server's: 0.3 ms of client per 1 MiB block against 1.2 ms for {@code jdk}, java.net.http one request at a
     * time, which every figure before that date used. Both servers are measured with the same client.
     */
    private static final boolean SOCKET_CLIENT =
            PIPELINE > 1 || !"jdk".equals(System.getProperty("receiver.client", "socket"));

    /** Sends requests 1..count over the given number of connections; returns the wall time in seconds. */
    private double send(int count, int connections, IntFunction<Call> call, int expectedStatus) throws Exception {
        if (SOCKET_CLIENT) {
            return sendPipelined(count, connections, call, expectedStatus);
        }
        return sendOneAtATime(count, connections, n -> {
            Call c = call.apply(n);
            HttpRequest.Builder builder = HttpRequest.newBuilder(c.uri())
                    .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(data, 0, c.size()));
            c.headers().forEach(builder::header);
            return builder.build();
        }, expectedStatus);
    }

    /**
     * Sends requests 1..count, up to {@link #PIPELINE} in flight on each connection: a writer thread sends them, a
     * reader reads the answers in order (HTTP/1.1 pipelining). Returns the wall time in seconds.
     */
    private double sendPipelined(int count, int connections, IntFunction<Call> call, int expectedStatus)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2 * connections);
        try {
            long begin = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                URI first = call.apply(1).uri();
                java.net.Socket socket = new java.net.Socket(first.getHost(), first.getPort());
                socket.setTcpNoDelay(true);
                java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(PIPELINE);
                java.util.concurrent.BlockingQueue<Integer> sent = new java.util.concurrent.LinkedBlockingQueue<>();
                // The reader's future first: when an answer is wrong, its failure is the one to report.
                done.add(threads.submit(() -> {
                    try (socket) {
                        java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
                        for (int n; (n = sent.take()) > 0; ) {
                            int status = readResponse(in);
                            if (status != expectedStatus) {
                                throw new IllegalStateException("request " + n + ": " + status);
                            }
                            window.release();
                        }
                    }
                    return null;
                }));
                done.add(threads.submit(() -> {
                    java.io.OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                    for (int n; (n = next.incrementAndGet()) <= count; ) {
                        window.acquire();
                        Call request = call.apply(n);
                        StringBuilder head = new StringBuilder(request.method()).append(' ')
                                .append(request.uri().getRawPath()).append(" HTTP/1.1\r\nHost: ")
                                .append(request.uri().getHost()).append(':').append(request.uri().getPort())
                                .append("\r\nContent-Length: ").append(request.size()).append("\r\n");
                        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                        out.write(data, 0, request.size());
                        out.flush();
                        sent.put(n);
                    }
                    sent.put(-1);
                    return null;
                }));
            }
            return secondsWhenDone(begin, done);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body) and returns its status. */
    private static int readResponse(java.io.InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return status;
        }
        for (long chunk; (chunk = Long.parseLong(readLine(in).split(";")[0].trim(), 16)) > 0; ) {
            in.skipNBytes(chunk);
            readLine(in);
        }
        while (!readLine(in).isEmpty()) {
            // trailers
        }
        return status;
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Sends requests 1..count over the given number of connections, one at a time each; the wall time in seconds. */
    private static double sendOneAtATime(int count, int connections, IntFunction<HttpRequest> request,
            int expectedStatus)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long begin = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(threads.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int n; (n = next.incrementAndGet()) <= count; ) {
                        HttpResponse<String> response = client.send(request.apply(n), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != expectedStatus) {
                            throw new IllegalStateException("request " + n + ": " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            return secondsWhenDone(begin, done);
        } finally {
            threads.shutdownNow();
        }
    }

    private HttpRequest.Builder receiverRequest(String path) {
        return HttpRequest.newBuilder(receiver.uri(path)).header("Authorization", authorization)
                .header("Content-Type", "text/csv");
    }

    private String post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(receiverRequest(path)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** (c): endTransaction's merge of 100 x 10 MiB against cat of the same block files and sync. */
    private void merge(EmbeddedPostgres postgres, Path base) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "bench").getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)"
                    + " VALUES ('Merge_Fnd', 'Merge', '" + base + "', 'MERGE_TO_INTERFACE_LEVEL')");
        }
        List<Double> catTimes = new ArrayList<>();
        List<Double> mergeTimes = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            int n = sequence.incrementAndGet();
            String tx = "Tx%23merge" + n;
            post("/receiver/beginTransaction/" + tx + "/Merge_Fnd/BENCH/bench/" + n + "/FULL/2026-11-22T10:00:00Z");
            post("/receiver/beginTransmission/" + tx + "/M" + n + "/BENCH/Merge_Fnd/Merge/1/1/100/1");
            sendOneAtATime(100, 2, b -> receiverRequest("/receiver/uploadDataBlock/" + tx + "/M" + n + "/BENCH/Merge_Fnd/Merge/"
                    + b + "/1000").POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), 200);
            post("/receiver/endTransmission/M" + n + "/BENCH/Merge_Fnd/Merge/100");
            Path transaction = base.resolve("bdi-data/Tx#merge" + n);
            List<String> cat = new ArrayList<>(List.of("sh", "-c", "cat \"$@\" > " + work.resolve("cat-out.csv") + " && sync", "cat"));
            for (int b = 1; b <= 100; b++) {
                cat.add(transaction.resolve("M" + n).resolve(String.valueOf(b)).resolve("Merge_" + b + ".csv").toString());
            }
            BenchSupport.sync();
            catTimes.add(BenchSupport.run(cat));
            Files.delete(work.resolve("cat-out.csv"));
            BenchSupport.sync();
            long begin = System.nanoTime();
            post("/receiver/endTransaction/" + tx + "/BENCH/Merge_Fnd");
            mergeTimes.add((System.nanoTime() - begin) / 1e9);
            long merged = Files.size(transaction.resolve("Merge.csv"));
            if (merged != 100L * data.length) {
                throw new IllegalStateException("merged file has " + merged + " bytes, not " + 100L * data.length);
            }
            BenchSupport.deleteTree(transaction);
        }
        double cat = BenchSupport.median(catTimes);
        double merge = BenchSupport.median(mergeTimes);
        System.out.printf("%-34s %9.0f MiB/s %9.0f MiB/s %7.2fx %14s %8s %5.1fx   (x cat+sync; cat+sync %.2f s,"
                        + " endTransaction %.2f s)%n", "(c) merge 100 x 10 MiB", 1000 / cat, 1000 / merge, cat / merge,
                "", "", 0.9, cat, merge);
    }

    /** One block larger than the receiver's whole heap: stored only if the body is streamed. */
    private void streamingCheck() throws Exception {
        Path big = work.resolve("streaming-block.csv");
        try (var out = Files.newOutputStream(big)) {
            for (long written = 0; written < STREAMING_BLOCK; written += data.length) {
                out.write(data, 0, (int) Math.min(data.length, STREAMING_BLOCK - written));
            }
        }
        int n = sequence.incrementAndGet();
        String tx = "Tx%23stream" + n;
        post("/receiver/beginTransaction/" + tx + "/Bench_Fnd/BENCH/bench/" + n + "/FULL/2026-11-22T10:00:00Z");
        post("/receiver/beginTransmission/" + tx + "/S" + n + "/BENCH/Bench_Fnd/Bench/1/1/1/1");
        // curl sends the file with its Content-Length, as a sender's HTTP client would.
        Path status = work.resolve("streaming-status.txt");
        BenchSupport.run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "admin:" + PASSWORD,
                "-H", "Content-Type: text/csv", "--data-binary", "@" + big, receiver.uri("/receiver/uploadDataBlock/" + tx
                        + "/S" + n + "/BENCH/Bench_Fnd/Bench/1/1").toString()), ProcessBuilder.Redirect.to(status.toFile()));
        String code = Files.readString(status).trim();
        Path stored = work.resolve("receiver/bdi-data/Tx#stream" + n + "/S" + n + "/1/Bench_1.csv");
        System.out.printf("%nstreaming: a %d MiB block sent to the receiver running with %s -> %s, %d bytes on disk%n",
                STREAMING_BLOCK / MIB, HEAP, code, Files.exists(stored) ? Files.size(stored) : -1);
        Files.delete(big);
    }
}
