package org.bdisuite.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bdisuite.test.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's examples, in the order written, on a fresh {@code ./suite --demo}: the packaged launcher with its own
 * PostgreSQL, SMTP sink, SFTP server and the three packaged services, started as a newcomer would (the only
 * difference: {@code --port-offset}, so that it runs beside anything on the default ports).
 *
 * <p>Every {@code bash} block between "Run the suite" and "Run all tests" runs as written in its own {@code bash -eu
 * -o pipefail}, in a folder whose {@code .suite} is the launcher's data folder, with the default ports moved by the
 * offset; {@code sql} blocks run on the suite's database. Two things stand in for the reader: {@code curl} fails on an
 * HTTP error ({@code --fail-with-body}), and after a job start it waits until the execution is COMPLETED, as the
 * README tells the reader to before the next job. A block that needs something the machine does not have (a second
 * receiver) is marked in the README with {@value #NOT_RUN} on the line before it, and says why there.
 */
class ReadmeExamplesIT {

    /** The marker, in README.md, of a block this test does not run. */
    static final String NOT_RUN = "<!-- not run by ReadmeExamplesIT:";

    private static final List<Integer> DEFAULT_PORTS = List.of(8080, 8081, 8082, 8083, 15432, 2525, 2222);
    private static final long READY_TIMEOUT_SECONDS = 300;
    private static final int LOG_TAIL_LINES = 40;

    /**
     * Bash defined before each block: {@code curl} as the reader uses it, failing on an HTTP error, and waiting for a
     * started job's execution to end (COMPLETED, or the block fails with the execution's view).
     */
    private static final String READER = """
            curl() {
              local out
              if ! out=$(command curl --fail-with-body "$@"); then
                printf '%s\\n' "$out"; echo "README example failed: curl $*" >&2; return 1
              fi
              printf '%s\\n' "$out"
              local url="${@: -1}"
              if [[ " $* " == *" -X POST "* && "$url" =~ ^(.*)/batch/jobs/[A-Za-z0-9_]+(\\?.*)?$ ]]; then
                local base="${BASH_REMATCH[1]}" id
                id=$(printf '%s' "$out" | sed -n 's/.*"executionId": *\\([0-9]*\\).*/\\1/p')
                [[ -n "$id" ]] || { echo "no executionId in: $out" >&2; return 1; }
                for _ in $(seq 1 600); do
                  local view; view=$(command curl -s -u "$AUTH" "$base/batch/jobs/executions/$id")
                  case "$view" in
                    *'"executionStatus":"COMPLETED"'*) return 0 ;;
                    *'"executionStatus":"FAILED"'*|*'"executionStatus":"ABANDONED"'*|*'"executionStatus":"STOPPED"'*)
                      echo "execution $id did not complete: $view" >&2; return 1 ;;
                  esac
                  sleep 0.5
                done
                echo "execution $id still running after 300 s" >&2; return 1
              fi
            }
            """;

    @TempDir
    static Path home;

    private static Process launcher;
    private static int offset;
    private static final StringBuffer launcherOutput = new StringBuffer();
    /** The same lines, each with the seconds since the launcher was started: where a slow start spent its time. */
    private static final StringBuffer launcherTimeline = new StringBuffer();

    private static long launchedNanos;

    /** True once the launcher says the suite is up, false if its output ends before that. */
    private static final CompletableFuture<Boolean> launcherUp = new CompletableFuture<>();

    @BeforeAll
    static void startTheDemoSuite() throws Exception {
        Path root =
                Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("suite-launcher/target/suite-launcher.jar");
        assertThat(jar).as("the packaged launcher").isRegularFile();
        offset = freeOffset();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        launchedNanos = System.nanoTime();
        launcher = new ProcessBuilder(
                        java,
                        "-jar",
                        jar.toString(),
                        "--demo",
                        "--data-dir",
                        home.resolve(".suite").toString(),
                        "--port-offset",
                        String.valueOf(offset))
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(ReadmeExamplesIT::readLauncherOutput, "readme-launcher-output");
        reader.setDaemon(true);
        reader.start();
        boolean up;
        try {
            up = launcherUp.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "./suite --demo did not come up within " + READY_TIMEOUT_SECONDS
                            + " s; its output, each line with the seconds since the launcher was started:\n"
                            + launcherTimeline + serviceLogTails(),
                    e);
        }
        assertThat(up).as("./suite --demo came up:%n%s", launcherOutput).isTrue();
        assertThat(launcherOutput.toString()).doesNotContain("ERROR");
    }

    @AfterAll
    static void stopTheSuite() throws InterruptedException {
        if (launcher != null) {
            launcher.destroy(); // SIGTERM: the launcher's shutdown hook stops the services and PostgreSQL
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
    }

    @Test
    void everyExampleWorksInTheOrderWritten() throws Exception {
        List<ReadmeBlock> blocks = ReadmeBlock.examples(readme());
        assertThat(blocks).as("README's examples").hasSizeGreaterThan(8);
        List<String> ran = new ArrayList<>();
        for (ReadmeBlock block : blocks) {
            if (block.notRun() || block.code().contains("./suite")) {
                continue; // ./suite is what this test started; a marked block says in the README why it is not run
            }
            if (block.language().equals("sql")) {
                runSql(block);
            } else {
                runBash(block);
            }
            ran.add(block.language() + "@" + block.line());
        }
        assertThat(ran).hasSizeGreaterThan(6);

        try (Connection connection = database()) {
            // The receiver example: one completed transaction and one hand-over row of its own module.
            assertThat(Sql.column(
                            connection,
                            "SELECT receiver_transaction_status FROM bdi_receiver_transaction"
                                    + " WHERE transaction_id = 'Manual#1'"))
                    .containsExactly("COMPLETED");
            // The pipeline example after it imported the demo's 5,000 rows, and only those.
            assertThat(Sql.column(connection, "SELECT count(*) FROM diff_fnd_diff_in"))
                    .containsExactly("5000");
            // The SQL data source example registered its data source.
            assertThat(Sql.column(connection, "SELECT count(*) FROM export_views.open_transactions"))
                    .hasSize(1);
        }
    }

    private static void runBash(ReadmeBlock block) throws IOException, InterruptedException {
        String code = movePorts(block.code());
        Process bash = new ProcessBuilder("bash", "-eu", "-o", "pipefail", "-c", READER + code)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = bash.waitFor(10, TimeUnit.MINUTES);
        assertThat(ended && bash.exitValue() == 0)
                .as("README.md line %d:%n%s%n--- output ---%n%s", block.line(), code, output)
                .isTrue();
    }

    private static void runSql(ReadmeBlock block) throws SQLException {
        try (Connection connection = database();
                Statement statement = connection.createStatement()) {
            statement.execute(block.code());
        }
    }

    /** The suite's database as README.md names it (PostgreSQL on 15432, database bdisuite), at the moved port. */
    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + (15432 + offset) + "/bdisuite", "postgres", "postgres");
    }

    /** The README's code with every default port of the suite moved by the offset. */
    private static String movePorts(String code) {
        String moved = code;
        for (int port : DEFAULT_PORTS) {
            moved = moved.replace("127.0.0.1:" + port, "127.0.0.1:" + (port + offset));
        }
        return moved;
    }

    private static String readme() throws IOException {
        Path root =
                Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        return Files.readString(root.resolve("README.md"));
    }

    /**
     * Reads the launcher's output to its end, on one thread that also closes it: the lines until the suite is up are
     * kept, the rest is drained so that the launcher never blocks on a full pipe (the suite's own logs are in its
     * data folder). A close from another thread would wait for this thread's read in progress, which ends only with
     * the launcher's next line: that made the start wait for its timeout in two CI runs.
     */
    private static void readLauncherOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (launcherUp.isDone()) {
                    continue;
                }
                launcherOutput.append(line).append('\n');
                launcherTimeline.append(
                        String.format("%7.1f s  %s%n", (System.nanoTime() - launchedNanos) / 1e9, line));
                if (line.startsWith("Press Ctrl-C")) {
                    launcherUp.complete(true);
                }
            }
        } catch (IOException ended) {
            // the launcher stopped
        }
        launcherUp.complete(false);
    }

    /** The last lines of each service's log in the suite's data folder, for a start that did not finish. */
    private static String serviceLogTails() {
        StringBuilder tails = new StringBuilder();
        try (var logs = Files.list(home.resolve(".suite/logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tails.append("\n--- ").append(log.getFileName()).append(", its last lines:\n");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            tails.append("\n(the services' logs could not be read: ").append(e).append(")\n");
        }
        return tails.toString();
    }

    /**
     * An offset at which all of the suite's ports are free on this machine, and below Linux's ephemeral range (32768
     * and up): a port in that range that is free now can be taken by any outgoing connection (the services' own
     * database pools among them) before the suite binds it.
     */
    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(1_000, 17_000);
            if (DEFAULT_PORTS.stream().allMatch(port -> isFree(port + candidate))) {
                return candidate;
            }
        }
        throw new IOException("no port offset with all of the suite's ports free");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** A fenced code block of README.md, with the line it starts on. */
    record ReadmeBlock(int line, String language, String code, boolean notRun) {

        /** The bash and sql blocks from "## Run the suite" up to "## Run all tests", in order. */
        static List<ReadmeBlock> examples(String readme) {
            String[] lines = readme.split("\n", -1);
            List<ReadmeBlock> blocks = new ArrayList<>();
            boolean inExamples = false;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith("## ")) {
                    inExamples =
                            lines[i].equals("## Run the suite") || (inExamples && !lines[i].equals("## Run all tests"));
                }
                if (!inExamples || !lines[i].startsWith("```") || lines[i].length() == 3) {
                    continue;
                }
                String language = lines[i].substring(3).trim();
                int start = i;
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    code.append(lines[i]).append('\n');
                }
                if (language.equals("bash") || language.equals("sql")) {
                    boolean notRun = start > 0 && previousNonBlank(lines, start).startsWith(NOT_RUN);
                    blocks.add(new ReadmeBlock(start + 1, language, code.toString(), notRun));
                }
            }
            return blocks;
        }

        private static String previousNonBlank(String[] lines, int index) {
            for (int i = index - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].trim();
                }
            }
            return "";
        }
    }
}
