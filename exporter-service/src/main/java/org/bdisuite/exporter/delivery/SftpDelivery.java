package org.bdisuite.exporter.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.bdisuite.exporter.api.ExportOperation;
import org.bdisuite.exporter.config.ExporterConfig;
import org.bdisuite.exporter.delivery.SftpCredentials.Destination;
import org.bdisuite.exporter.generator.GeneratedFile;

/**
 * SFTP with the Apache MINA SSHD client. The server must present the pinned host key (SHA256 fingerprint): an
 * unknown or changed key fails the delivery before any credential is sent. Each file is written under a hidden
 * temporary name and renamed when complete, so that a reader of the remote directory never sees half a file.
 */
@ApplicationScoped
public class SftpDelivery implements Delivery {

    private final SftpCredentials destinations;
    private final ExporterConfig config;

    public SftpDelivery(SftpCredentials destinations, ExporterConfig config) {
        this.destinations = destinations;
        this.config = config;
    }

    @Override
    public ExportOperation operation() {
        return ExportOperation.SFTP;
    }

    @Override
    public String deliver(DeliveryRun run, long rows, List<GeneratedFile> files) {
        Destination destination = destinations.open(run.configuration().sftpDetailsKey());
        String where = destination.details().getUsername() + "@"
                + destination.details().getHost() + ":" + destination.details().getPort();
        AtomicReference<String> presentedKey = new AtomicReference<>();
        // One client per delivery: its host key verifier is this destination's pinned key.
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            presentedKey.set(fingerprint);
            return fingerprint.equals(destination.details().getHostKeyFingerprint());
        });
        client.start();
        try (ClientSession session = connect(client, destination, where, presentedKey)) {
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String directory = trimSlash(destination.details().getRemoteDir());
                for (GeneratedFile file : files) {
                    upload(sftp, file, directory);
                }
                return "uploaded " + files.size() + " file(s) to " + where + " " + directory;
            }
        } catch (IOException e) {
            throw new DeliveryException("SFTP to " + where + " failed: " + e.getMessage(), e);
        } finally {
            client.stop();
        }
    }

    private ClientSession connect(
            SshClient client, Destination destination, String where, AtomicReference<String> presentedKey)
            throws IOException {
        long timeout = config.sftpTimeout().toMillis();
        ClientSession session = client.connect(
                        destination.details().getUsername(),
                        destination.details().getHost(),
                        destination.details().getPort())
                .verify(timeout)
                .getSession();
        try {
            if (destination.password() != null) {
                session.addPasswordIdentity(destination.password());
            } else {
                for (KeyPair key : privateKeys(session, destination.privateKey())) {
                    session.addPublicKeyIdentity(key);
                }
            }
            session.auth().verify(timeout);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            if (presentedKey.get() != null
                    && !presentedKey.get().equals(destination.details().getHostKeyFingerprint())) {
                throw new DeliveryException(
                        "SFTP to " + where + " refused: the server's host key " + presentedKey.get()
                                + " is not the pinned " + destination.details().getHostKeyFingerprint(),
                        e);
            }
            throw e;
        }
    }

    private static Iterable<KeyPair> privateKeys(ClientSession session, String pem) throws IOException {
        try {
            return SecurityUtils.loadKeyPairIdentities(
                    session,
                    NamedResource.ofName("sftp-details"),
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)),
                    null);
        } catch (GeneralSecurityException e) {
            throw new DeliveryException("The stored private key cannot be read", e);
        }
    }

    private static void upload(SftpClient sftp, GeneratedFile file, String directory) throws IOException {
        String target = directory + "/" + file.name();
        String temp = directory + "/." + file.name() + ".part";
        try (OutputStream out = sftp.write(temp)) {
            Files.copy(file.path(), out);
        }
        // SFTP v3 rename does not replace: a retried delivery removes what an earlier attempt completed.
        try {
            sftp.remove(target);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
        sftp.rename(temp, target);
    }

    private static String trimSlash(String directory) {
        return directory.length() > 1 && directory.endsWith("/")
                ? directory.substring(0, directory.length() - 1)
                : directory;
    }

    /** The fingerprint format stored in the details (for tests and tools). */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
