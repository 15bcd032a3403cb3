package org.bdisuite.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server for export deliveries: one password user whose files live in a plain folder, and a host
 * key kept between runs so that clients do not see a changed key after a restart.
 */
final class LocalSftpServer implements AutoCloseable {

    private final SshServer server;
    private final Path root;
    private final Path hostKeyFile;

    LocalSftpServer(String host, int port, Path root, Path hostKeyFile, String user, String password) {
        this.root = root;
        this.hostKeyFile = hostKeyFile;
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator((givenUser, givenPassword, session) ->
                MessageDigest.isEqual(expectedUser, givenUser.getBytes(StandardCharsets.UTF_8))
                        & MessageDigest.isEqual(expectedPassword, givenPassword.getBytes(StandardCharsets.UTF_8)));
        server.setPublickeyAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    }

    LocalSftpServer start() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(hostKeyFile.toAbsolutePath().getParent());
        server.start();
        // The provider writes the key lazily; make it exist now so its permissions can be tightened.
        try {
            server.getKeyPairProvider().loadKeys(null);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not create the SFTP host key " + hostKeyFile, e);
        }
        if (Files.exists(hostKeyFile)) {
            try {
                Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile folder is private already.
            }
        }
        return this;
    }

    /** The SHA256 fingerprint of the host key, as SFTP clients pin it. */
    String hostKeyFingerprint() throws IOException {
        try {
            return org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(
                    org.apache.sshd.common.digest.BuiltinDigests.sha256,
                    server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not read the SFTP host key " + hostKeyFile, e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
