package org.bdisuite.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed certificate for localhost (and 127.0.0.1), made with the JDK's keytool and exported as
 * PEM files: for a service serving HTTPS in a test, or an HTTPS listener of the test itself ({@link #serverContext()}).
 */
public record SelfSignedCertificate(Path certificatePem, Path privateKeyPem, KeyStore trustStore, KeyStore keyStore) {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    public static SelfSignedCertificate create() {
        try {
            Path dir = Files.createTempDirectory("suite-tls");
            Path keyStoreFile = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            "server",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-validity",
                            "2",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=dns:localhost,ip:127.0.0.1",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            keyStoreFile.toString(),
                            "-storepass",
                            new String(STORE_PASSWORD)))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                keyStore.load(in, STORE_PASSWORD);
            }
            Certificate certificate = keyStore.getCertificate("server");
            PrivateKey key = (PrivateKey) keyStore.getKey("server", STORE_PASSWORD);
            Path certificatePem =
                    Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Path keyPem = Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("server", certificate);
            return new SelfSignedCertificate(certificatePem, keyPem, trustStore, keyStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM text. */
    public String certificateText() {
        try {
            return Files.readString(certificatePem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server-side TLS context presenting this certificate (for a test's own HTTPS listener). */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, STORE_PASSWORD);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), null, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a TLS context of the test certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
