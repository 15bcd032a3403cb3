package org.bdisuite.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bdisuite.test.ServiceProcess;
import org.bdisuite.test.TestDatabase;

/**
 * One receiver crash trial (issue 18, kind 1): a transaction of one or two transmissions whose blocks 3 sender
 * threads upload to the replicas; one replica is killed (SIGKILL) after a random delay and restarted on the same
 * port, database and folder. Then every block that was answered 200 must be on disk byte for byte with its row, no
 * row may lack its file, no partial or temporary file may be left; what got no answer is sent again (an idempotent
 * retry), the transmissions are ended, and endTransaction is sent, in half the trials killing the replica that
 * merges and sending it again after the restart: the merged files must hold every block, and exactly one hand-over
 * row must exist in bdi_upldr_iface_mod_data_ctl. The {@link Disruption} decides what "killed" means: SIGKILL of
 * the replica ({@link #KILL_REPLICA}) or a restart of the database under the running receiver (issue 18, kind 4).
 */
final class ReceiverTrial {

    static final String MODULE = "CrashMod";
    static final String SOURCE = "CrashSrc";
    private static final int SENDERS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final String name;
    private final Trials trials;
    private final List<ServiceProcess> replicas;
    private final TestDatabase.Coordinates database;
    private final Path baseFolder;
    private final Http http;
    private final Random random;
    private final String transactionId;
    private final String iface;
    private final String strategy;
    private final List<Transmission> transmissions = new ArrayList<>();
    private final Disruption disruption;

    /** What a trial does to the system at its random points: kill a replica, or restart the database. */
    interface Disruption {

        /** Strikes while requests to {@code target} (a replica the trial picked) are under way. */
        void strike(ServiceProcess target) throws Exception;

        /** Brings back what {@link #strike} took down. */
        void recover(ServiceProcess target) throws Exception;
    }

    /** kill -9 of the replica, restarted on the same port, database and folder. */
    static final Disruption KILL_REPLICA = new Disruption() {
        @Override
        public void strike(ServiceProcess target) throws Exception {
            target.kill();
        }

        @Override
        public void recover(ServiceProcess target) throws Exception {
            target.restart();
        }
    };

    /** A transmission's blocks as sent: blockNumber (1..) to bytes. */
    private record Transmission(String id, int index, Map<Integer, byte[]> blocks) {}

    private record Block(Transmission transmission, int number) {
        byte[] bytes() {
            return transmission.blocks().get(number);
        }
    }

    ReceiverTrial(
            long seed,
            String tag,
            Trials trials,
            List<ServiceProcess> replicas,
            TestDatabase.Coordinates database,
            Path baseFolder,
            Http http,
            Disruption disruption) {
        this.disruption = disruption;
        this.seed = seed;
        this.name = tag + " trial seed " + seed;
        this.trials = trials;
        this.replicas = replicas;
        this.database = database;
        this.baseFolder = baseFolder;
        this.http = http;
        this.random = new Random(seed);
        this.transactionId = tag + "Tx" + seed;
        this.iface = tag + "If" + seed;
        this.strategy = random.nextBoolean() ? "MERGE_TO_PARTITION_LEVEL" : "MERGE_TO_INTERFACE_LEVEL";
    }

    void run() throws Exception {
        configureInterface();
        begin();
        ServiceProcess victim = replicas.get(random.nextInt(replicas.size()));
        Set<Block> acknowledged = ConcurrentHashMap.newKeySet();
        List<Block> unanswered = uploadWhileStriking(victim, acknowledged);
        if (!unanswered.isEmpty()) {
            trials.count("strikes-during-uploads");
        }
        recover(victim);
        checkBlocks(acknowledged, "after the strike during uploads");
        resend(unanswered, acknowledged);
        checkBlocks(acknowledged, "after the retries");
        endTransmissions();
        endTransaction();
        checkMerged();
    }

    private void recover(ServiceProcess target) throws Exception {
        disruption.recover(target);
        if (disruption == KILL_REPLICA) {
            trials.restarted(target);
        }
    }

    private void configureInterface() throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bdi_receiver_options (interface_module, interface_short_name, base_folder, merge_strategy)"
                                + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, MODULE);
            insert.setString(2, iface);
            insert.setString(3, baseFolder.toString());
            insert.setString(4, strategy);
            insert.executeUpdate();
        }
    }

    private void begin() throws Exception {
        expect200(
                post(
                        any(),
                        "receiver/beginTransaction/" + transactionId + "/" + MODULE + "/" + SOURCE + "/1/"
                                + (seed % 1_000_000) + "/FULL/1767225600000"),
                "beginTransaction");
        int count = 1 + random.nextInt(2);
        for (int index = 1; index <= count; index++) {
            Transmission transmission = new Transmission(transactionId + "-t" + index, index, new HashMap<>());
            int blocks = 12 + random.nextInt(30);
            for (int number = 1; number <= blocks; number++) {
                transmission.blocks().put(number, content(index, number));
            }
            transmissions.add(transmission);
            expect200(
                    post(
                            any(),
                            "receiver/beginTransmission/" + transactionId + "/" + transmission.id() + "/" + SOURCE
                                    + "/" + MODULE + "/" + iface + "/P" + index + "/" + (index * 100_000) + "/"
                                    + (index * 100_000 + 99_999)
                                    + "/1"),
                    "beginTransmission");
        }
    }

    /** CSV lines, each ending with a newline, 100 B to 48 KiB in all. */
    private byte[] content(int transmission, int block) {
        StringBuilder text = new StringBuilder();
        int target = 100 + random.nextInt(48 * 1024);
        int line = 0;
        while (text.length() < target) {
            text.append(seed)
                    .append(',')
                    .append(transmission)
                    .append(',')
                    .append(block)
                    .append(',')
                    .append(line++)
                    .append(",\"")
                    .append(Long.toString(random.nextLong(), 36))
                    .append("\"\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads every block from 3 threads to random replicas; strikes after a random delay meanwhile. */
    private List<Block> uploadWhileStriking(ServiceProcess victim, Set<Block> acknowledged) throws Exception {
        List<Block> all = new ArrayList<>();
        transmissions.forEach(t -> t.blocks().keySet().forEach(n -> all.add(new Block(t, n))));
        Collections.shuffle(all, random);
        ConcurrentLinkedQueue<Block> queue = new ConcurrentLinkedQueue<>(all);
        List<Block> unanswered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long delaySeed = random.nextLong();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                Random choice = new Random(delaySeed + i);
                running.add(senders.submit(() -> {
                    for (Block block = queue.poll(); block != null; block = queue.poll()) {
                        ServiceProcess replica = replicas.get(choice.nextInt(replicas.size()));
                        if (upload(replica, block)) {
                            acknowledged.add(block);
                        } else {
                            unanswered.add(block);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(random.nextInt(400));
            disruption.strike(victim);
            trials.killed();
            for (Future<?> sender : running) {
                sender.get(5, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        return unanswered;
    }

    /** @return whether the receiver answered 200 */
    private boolean upload(ServiceProcess replica, Block block) {
        try {
            Http.Answer answer = http.post(uri(replica, blockPath(block)), block.bytes(), "text/csv");
            if (answer.status() >= 500) {
                trials.count("5xx-answers");
            } else if (answer.status() != 200) {
                trials.check(
                        false,
                        seed,
                        name + ": upload of block " + block.number() + " of "
                                + block.transmission().id() + " answered " + answer.status() + " " + answer.body());
            }
            return answer.status() == 200;
        } catch (IOException killed) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String blockPath(Block block) {
        return "receiver/uploadDataBlock/" + transactionId + "/"
                + block.transmission().id() + "/" + SOURCE + "/" + MODULE + "/" + iface + "/" + block.number() + "/"
                + lines(block.bytes());
    }

    private static int lines(byte[] bytes) {
        int lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    /** Every acknowledged block has its row; every row its whole file; no partial or temporary file is left. */
    private void checkBlocks(Set<Block> acknowledged, String when) throws Exception {
        for (Transmission transmission : transmissions) {
            Map<Integer, JsonNode> rows = rowsOf(transmission);
            for (Block block : acknowledged) {
                if (block.transmission() == transmission) {
                    trials.check(
                            rows.containsKey(block.number()),
                            seed,
                            name + " " + when + ": acknowledged block " + block.number() + " of " + transmission.id()
                                    + " has no row");
                }
            }
            for (Map.Entry<Integer, JsonNode> row : rows.entrySet()) {
                Path file = Path.of(
                        row.getValue().get("dir").asText(),
                        row.getValue().get("fileName").asText());
                byte[] expected = transmission.blocks().get(row.getKey());
                trials.check(
                        Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), expected),
                        seed,
                        name + " " + when + ": the row of block " + row.getKey() + " of " + transmission.id()
                                + " lacks its file or the file differs: " + file);
            }
        }
        checkFolder(when, false);
    }

    /** No temporary file; every visible block file whole (a file without a row is allowed until its retry). */
    private void checkFolder(String when, boolean merged) throws IOException {
        Path folder = transactionFolder();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(".")) {
                    trials.check(false, seed, name + " " + when + ": temporary file left behind: " + file);
                } else if (!fileName.equals(iface + ".csv")) {
                    Transmission transmission = transmissionOf(
                            file.getParent().getParent().getFileName().toString());
                    int number = Integer.parseInt(file.getParent().getFileName().toString());
                    trials.check(
                            transmission != null
                                    && Arrays.equals(
                                            Files.readAllBytes(file),
                                            transmission.blocks().get(number)),
                            seed,
                            name + " " + when + ": partial or foreign file " + file);
                } else {
                    trials.check(merged, seed, name + " " + when + ": a merged file before endTransaction: " + file);
                }
            }
        }
    }

    private Transmission transmissionOf(String id) {
        return transmissions.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private Path transactionFolder() {
        return baseFolder.resolve("bdi-data").resolve(transactionId);
    }

    private Map<Integer, JsonNode> rowsOf(Transmission transmission) throws Exception {
        String path = "receiver/transmissions/" + transmission.id() + "/blocks?sourceSystemName=" + SOURCE
                + "&interfaceModule=" + MODULE + "&interfaceShortName=" + iface;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Http.Answer answer = http.get(uri(any(), path));
        while (answer.status() >= 500 && System.nanoTime() < deadline) {
            trials.count("retries-before-recovered");
            pause();
            answer = http.get(uri(any(), path));
        }
        expect200(answer, "blocks of " + transmission.id());
        Map<Integer, JsonNode> rows = new HashMap<>();
        for (JsonNode block : JSON.readTree(answer.body()).get("blocks")) {
            rows.put(block.get("blockNumber").asInt(), block);
        }
        return rows;
    }

    /** Sends again what got no answer, and a few acknowledged blocks: both must be a 200 now (idempotent). */
    private void resend(List<Block> unanswered, Set<Block> acknowledged) {
        List<Block> again = new ArrayList<>(unanswered);
        List<Block> answered = new ArrayList<>(acknowledged);
        Collections.shuffle(answered, random);
        again.addAll(answered.subList(0, Math.min(3, answered.size())));
        for (Block block : again) {
            trials.check(
                    uploadUntilAnswered(block),
                    seed,
                    name + ": the retry of block " + block.number() + " of "
                            + block.transmission().id() + " got no 200 within a minute");
            acknowledged.add(block);
        }
    }

    /** A retry until the service answers 200, for at most a minute (it may still be reconnecting to the database). */
    private boolean uploadUntilAnswered(Block block) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!upload(any(), block)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            trials.count("retries-before-recovered");
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endTransmissions() throws Exception {
        for (Transmission transmission : transmissions) {
            expect200(
                    post(
                            any(),
                            "receiver/endTransmission/" + transmission.id() + "/" + SOURCE + "/" + MODULE + "/" + iface
                                    + "/" + transmission.blocks().size()),
                    "endTransmission " + transmission.id());
        }
    }

    /**
     * In half the trials a strike (the replica that ends the transaction killed, or the database restarted) hits
     * endTransaction; after the recovery it is sent again.
     */
    private void endTransaction() throws Exception {
        String path = "receiver/endTransaction/" + transactionId + "/" + SOURCE + "/" + MODULE;
        ServiceProcess ender = any();
        if (random.nextBoolean()) {
            CompletableFuture<Http.Answer> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(ender, path);
                } catch (Exception killed) {
                    return null;
                }
            });
            Thread.sleep(random.nextInt(40));
            disruption.strike(ender);
            trials.killed();
            Http.Answer first = pending.get(1, TimeUnit.MINUTES);
            if (first == null && mergeInProgress()) {
                trials.count("strikes-inside-merge");
            }
            recover(ender);
        }
        Http.Answer answer = postUntilAnswered(path);
        expect200(answer, "endTransaction");
        trials.check(
                answer.status() == 200
                        && "COMPLETED"
                                .equals(JSON.readTree(answer.body())
                                        .get("receiverTransactionStatus")
                                        .asText()),
                seed,
                name + ": endTransaction did not complete: " + answer.body());
    }

    private Http.Answer postUntilAnswered(String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                Http.Answer answer = post(any(), path);
                if (answer.status() < 500 || System.nanoTime() > deadline) {
                    return answer;
                }
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
            }
            trials.count("retries-before-recovered");
            pause();
        }
    }

    private boolean mergeInProgress() throws IOException {
        try (Stream<Path> files = Files.walk(transactionFolder())) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("." + iface + ".csv."));
        }
    }

    private void checkMerged() throws Exception {
        if (strategy.equals("MERGE_TO_PARTITION_LEVEL")) {
            for (Transmission transmission : transmissions) {
                checkMergedFile(
                        transactionFolder().resolve(transmission.id()).resolve(iface + ".csv"),
                        concatenation(List.of(transmission)));
            }
        } else {
            checkMergedFile(transactionFolder().resolve(iface + ".csv"), concatenation(transmissions));
        }
        try (Connection connection = database.connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM bdi_upldr_iface_mod_data_ctl WHERE remote_transaction_id = ?")) {
            count.setString(1, transactionId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                long handOvers = rows.getLong(1);
                trials.check(handOvers == 1, seed, name + ": " + handOvers + " hand-over rows instead of one");
            }
        }
        for (Transmission transmission : transmissions) {
            trials.check(
                    rowsOf(transmission).size() == transmission.blocks().size(),
                    seed,
                    name + ": " + transmission.id() + " does not have one row per block");
        }
        checkFolder("after endTransaction", true);
    }

    private void checkMergedFile(Path file, byte[] expected) throws IOException {
        trials.check(
                Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), expected),
                seed,
                name + ": the merged file " + file + " is missing or differs from the blocks sent");
    }

    private static byte[] concatenation(List<Transmission> transmissions) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Transmission transmission : transmissions) {
            transmission.blocks().keySet().stream()
                    .sorted()
                    .forEach(n -> all.writeBytes(transmission.blocks().get(n)));
        }
        return all.toByteArray();
    }

    private ServiceProcess any() {
        List<ServiceProcess> alive =
                replicas.stream().filter(ServiceProcess::alive).toList();
        return alive.get(random.nextInt(alive.size()));
    }

    private Http.Answer post(ServiceProcess replica, String path) throws IOException, InterruptedException {
        return http.post(uri(replica, path));
    }

    private static URI uri(ServiceProcess replica, String path) {
        return replica.uri().resolve(path);
    }

    private void expect200(Http.Answer answer, String what) {
        if (answer.status() != 200) {
            throw new AssertionError(name + ": " + what + " answered " + answer.status() + " " + answer.body()
                    + " (replay with -Dcrash.seed=" + seed + " -Dcrash.trials=1)");
        }
    }
}
