package io.tributary.kafka.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files Mimir's TLS settings name (a CA bundle, a certificate chain, a private key) with the JDK
 * alone. Every error names the setting and the path; none quotes the file, which may hold a private key.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** Signature used to prove a key belongs to a certificate, by key algorithm; others are not checked. */
    private static final Map<String, String> PROOF_SIGNATURES = Map.of(
            "RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "EdDSA", "EdDSA",
            "Ed25519", "Ed25519", "Ed448", "Ed448", "DSA", "SHA256withDSA");

    private PemFiles() {
    }

    /** Every {@code CERTIFICATE} block of the file, in order (a CA bundle or a leaf followed by its chain). */
    static List<X509Certificate> certificates(String setting, String path) {
        String pem = read(setting, path);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new TlsFileException(setting, setting + " " + path + " holds a CERTIFICATE block that is not a valid"
                    + " X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(setting, setting + " " + path + " holds no PEM certificate (no '-----BEGIN"
                    + " CERTIFICATE-----' block): point it at a PEM file");
        }
        return certificates;
    }

    /**
     * The unencrypted PKCS#8 key of the file, checked against the certificate it must belong to. The
     * traditional RSA/EC forms and encrypted keys are refused with the openssl command that converts them:
     * there is no Mimir setting for a key password.
     */
    static PrivateKey privateKey(String setting, String path, X509Certificate certificate, String certificateSetting) {
        String pem = read(setting, path);
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                || pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new TlsFileException(setting, setting + " " + path + " is not an unencrypted PKCS#8 key"
                    + " ('-----BEGIN PRIVATE KEY-----'), the form Tributary reads: convert it with 'openssl pkcs8 -topk8"
                    + " -nocrypt -in " + path + " -out key-pkcs8.pem' and point " + setting + " at the new file");
        }
        List<byte[]> keys = blocks(pem, "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new TlsFileException(setting, setting + " " + path + " must hold exactly one '-----BEGIN PRIVATE"
                    + " KEY-----' block, but holds " + keys.size());
        }
        PublicKey publicKey = certificate.getPublicKey();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(publicKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
        } catch (GeneralSecurityException e) {
            // The exception text describes the encoding only; it never carries key bytes.
            throw new TlsFileException(setting, setting + " " + path + " is not a " + publicKey.getAlgorithm()
                    + " private key, the type of the certificate in " + certificateSetting + ": "
                    + e.getClass().getSimpleName(), e);
        }
        requireMatch(key, publicKey, setting, path, certificateSetting);
        return key;
    }

    /** A key that does not match the certificate would only show up as a handshake failure on the broker's side. */
    private static void requireMatch(PrivateKey key, PublicKey publicKey, String setting, String path,
                                     String certificateSetting) {
        String algorithm = PROOF_SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            return;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Falls through: a key that cannot sign for the certificate does not belong to it either.
        }
        throw new TlsFileException(setting, setting + " " + path + " is not the private key of the certificate in "
                + certificateSetting + ": set the two to a matching certificate and key");
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return blocks;
    }

    private static String read(String setting, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            throw new TlsFileException(setting, setting + " " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): point it at a readable PEM file", e);
        }
    }
}
