package org.bdisuite.runtime.receiverclient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a client trusts for one destination instead of the JVM's default trust store: the receiver's own
 * (self-signed) certificate or the CA that issued it, as PEM text. A server is trusted only when its chain ends in
 * one of them; host name verification stays on.
 */
public final class PinnedTrust {

    /** More would be a bundle, not a pin. */
    private static final int MAX_CERTIFICATES = 20;

    private final String pem;
    private final List<X509Certificate> certificates;

    private PinnedTrust(String pem, List<X509Certificate> certificates) {
        this.pem = pem;
        this.certificates = certificates;
    }

    /**
     * Reads one or more PEM certificates ({@code -----BEGIN CERTIFICATE-----} blocks).
     *
     * @throws IllegalArgumentException when the text holds no certificate, something that is not one, or too many
     */
    public static PinnedTrust fromPem(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        if (pem.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException("holds a private key; only certificates belong here");
        }
        List<X509Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("is not readable as PEM X.509 certificates");
        }
        if (certificates.isEmpty() || certificates.size() > MAX_CERTIFICATES) {
            throw new IllegalArgumentException("must hold 1 to " + MAX_CERTIFICATES + " certificates");
        }
        return new PinnedTrust(pem, certificates);
    }

    /** The PEM text as given. */
    public String pem() {
        return pem;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** A client TLS context that trusts exactly these certificates. */
    public SSLContext sslContext() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("pinned-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build a TLS context of the pinned certificates", e);
        }
    }

    @Override
    public String toString() {
        return "PinnedTrust"
                + certificates.stream()
                        .map(c -> c.getSubjectX500Principal().getName())
                        .toList();
    }
}
