package org.bdisuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSftpServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private SshClient client;

    @BeforeEach
    void startClient() {
        client = SshClient.setUpDefaultClient();
        // The test trusts the key the server just generated; the launcher keeps that key between runs.
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    @Test
    void anUploadedFileLandsUnderTheRootFolder() throws Exception {
        int port = FreePort.find();
        byte[] content = "diff_id,diff_desc\nC00001,Black 1\n".getBytes(StandardCharsets.UTF_8);
        try (LocalSftpServer server = new LocalSftpServer(
                        "127.0.0.1",
                        port,
                        dataDir.resolve("sftp"),
                        dataDir.resolve("sftp-host-key"),
                        "demo",
                        "secret-password-1")
                .start()) {
            try (ClientSession session = login(port, "demo", "secret-password-1");
                    SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                sftp.mkdir("exports");
                try (OutputStream out = sftp.write("exports/diff.csv")) {
                    out.write(content);
                }
            }
        }
        assertThat(dataDir.resolve("sftp/exports/diff.csv")).hasBinaryContent(content);
        assertThat(dataDir.resolve("sftp-host-key")).isNotEmptyFile();
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        int port = FreePort.find();
        try (LocalSftpServer server = new LocalSftpServer(
                        "127.0.0.1",
                        port,
                        dataDir.resolve("sftp"),
                        dataDir.resolve("sftp-host-key"),
                        "demo",
                        "secret-password-1")
                .start()) {
            assertThatThrownBy(() -> login(port, "demo", "wrong-password").close())
                    .isInstanceOf(Exception.class);
        }
    }

    @Test
    void theHostKeyIsTheSameAfterARestart() throws Exception {
        Path hostKey = dataDir.resolve("sftp-host-key");
        try (LocalSftpServer first = new LocalSftpServer(
                        "127.0.0.1", FreePort.find(), dataDir.resolve("sftp"), hostKey, "demo", "secret-password-1")
                .start()) {
            assertThat(hostKey).exists();
        }
        byte[] key = Files.readAllBytes(hostKey);
        try (LocalSftpServer second = new LocalSftpServer(
                        "127.0.0.1", FreePort.find(), dataDir.resolve("sftp"), hostKey, "demo", "secret-password-1")
                .start()) {
            assertThat(hostKey).hasBinaryContent(key);
        }
    }

    private ClientSession login(int port, String user, String password) throws Exception {
        ClientSession session =
                client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (Exception e) {
            session.close();
            throw e;
        }
    }
}
