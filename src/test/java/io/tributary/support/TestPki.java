package io.tributary.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away public-key infrastructure made in the test run (nothing is committed): a test CA, an
 * unrelated "untrusted" CA, and certificates they issue, written as PEM files (what Tributary reads) and
 * PKCS#12 stores (what the broker reads). EC P-256 keys, because they are made in milliseconds.
 */
public final class TestPki {

    /** Password of the broker's PKCS#12 stores; it protects throw-away keys in a temp directory. */
    public static final String STORE_PASSWORD = "test-store-password";

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;

    /** A key pair and the certificate chain (leaf first) issued for it. */
    public record Issued(KeyPair keys, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    public TestPki(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A self-signed CA. */
    public Issued ca(String commonName) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return new Issued(keys, List.of(sign(name, keys, name, keys, true, List.of(), null)));
    }

    /** A server certificate for the given DNS names and IP addresses, issued by {@code ca}. */
    public Issued server(Issued ca, String commonName, List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new java.util.ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return leaf(ca, commonName, names, KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate (mTLS) issued by {@code ca}. */
    public Issued client(Issued ca, String commonName) {
        return leaf(ca, commonName, List.of(), KeyPurposeId.id_kp_clientAuth);
    }

    private Issued leaf(Issued ca, String commonName, List<GeneralName> names, KeyPurposeId purpose) {
        KeyPair keys = keyPair();
        X509Certificate certificate = sign(new X500Name("CN=" + commonName), keys,
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.keys(), false, names, purpose);
        return new Issued(keys, List.of(certificate, ca.certificate()));
    }

    /** The leaf certificate (and its chain) as a PEM file. */
    public Path certificatePem(Issued issued, String fileName) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : issued.chain()) {
                pem.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return write(fileName, pem.toString());
    }

    /** Just the CA's own certificate as a PEM bundle. */
    public Path caPem(Issued ca, String fileName) {
        try {
            return write(fileName, pem("CERTIFICATE", ca.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as an unencrypted PKCS#8 PEM file (the JDK encodes EC private keys as PKCS#8). */
    public Path keyPem(Issued issued, String fileName) {
        return write(fileName, pem("PRIVATE KEY", issued.keys().getPrivate().getEncoded()));
    }

    /** A PKCS#12 key store holding the key and chain, for a broker listener's ssl.keystore.location. */
    public Path keyStore(Issued issued, String fileName) {
        return store(fileName, store -> store.setKeyEntry("server", issued.keys().getPrivate(),
                STORE_PASSWORD.toCharArray(), issued.chain().toArray(new X509Certificate[0])));
    }

    /** A PKCS#12 trust store holding the CA, for a broker listener's ssl.truststore.location. */
    public Path trustStore(Issued ca, String fileName) {
        return store(fileName, store -> store.setCertificateEntry("ca", ca.certificate()));
    }

    private interface StoreFiller {
        void fill(KeyStore store) throws GeneralSecurityException;
    }

    private Path store(String fileName, StoreFiller filler) {
        Path file = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            filler.fill(store);
            store.store(out, STORE_PASSWORD.toCharArray());
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean ca, List<GeneralName> names, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private Path write(String fileName, String content) {
        try {
            return Files.writeString(dir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
