package dev.binlogfc.sink.fc.net;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test, and certificates it issues: for a server on 127.0.0.1 (or, to test
 * host name verification, for another name) and for a client. Stores are PKCS12 files with {@link #PASSWORD}.
 */
public final class TestCertificates {

    public static final String PASSWORD = "store-password";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final X500Name caName;

    public TestCertificates(String caCommonName) throws GeneralSecurityException, OperatorCreationException,
        IOException {
        caKeys = newKeys();
        caName = new X500Name("CN=" + caCommonName);
        X509v3CertificateBuilder builder = builder(caName, caKeys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca = sign(builder);
    }

    /** A key store with a key and certificate for {@code names} (IP addresses or DNS names), and the CA. */
    public KeyStore issue(String commonName, KeyPurposeId purpose, String... names)
        throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeys();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + commonName), keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (names.length > 0) {
            GeneralName[] alternatives = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                boolean ip = names[i].chars().allMatch(c -> Character.isDigit(c) || c == '.');
                alternatives[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
        }
        KeyStore store = emptyStore();
        store.setKeyEntry("key", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {sign(builder), ca});
        return store;
    }

    /** A trust store holding only this CA. */
    public KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", ca);
        return store;
    }

    public static Path write(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A server's SSL context presenting {@code keys}; {@code clients}: trust store that client certificates need. */
    public static SSLContext serverContext(KeyStore keys, KeyStore clients) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        TrustManagerFactory trust = null;
        if (clients != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(clients);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private X509v3CertificateBuilder builder(X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(caName == null ? subject : caName,
            BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws OperatorCreationException,
        GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }
}
