package io.tributary.ingest;

import java.util.Locale;

/**
 * Chooses the remote-write protocol version from Content-Type and checks Content-Encoding, as the
 * 1.0 and 2.0 specifications say: the version comes from the {@code proto} parameter only (never from
 * X-Prometheus-Remote-Write-Version), an absent Content-Type or encoding means 1.0 and snappy
 * (Prometheus's own receiver is that lenient), and anything unknown is 415.
 */
public final class ContentNegotiation {

    static final String PROTOBUF = "application/x-protobuf";
    static final String V1_MESSAGE = "prometheus.WriteRequest";
    static final String V2_MESSAGE = "io.prometheus.write.v2.Request";

    private ContentNegotiation() {
    }

    /**
     * The protocol version of a request.
     *
     * @throws UnsupportedMediaException for an unknown media type, message or encoding
     */
    public static RemoteWriteVersion negotiate(String contentType, String contentEncoding) {
        checkEncoding(contentEncoding);
        if (contentType == null || contentType.isBlank()) {
            return RemoteWriteVersion.V1;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(PROTOBUF)) {
            throw new UnsupportedMediaException("unsupported Content-Type '" + contentType
                    + "': use " + PROTOBUF + " (proto=" + V1_MESSAGE + " or proto=" + V2_MESSAGE + ")");
        }
        RemoteWriteVersion version = RemoteWriteVersion.V1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq < 0) {
                throw new UnsupportedMediaException("malformed Content-Type parameter '" + parameter + "'");
            }
            String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(eq + 1).trim());
            if (name.equals("proto")) {
                if (value.equals(V1_MESSAGE)) {
                    version = RemoteWriteVersion.V1;
                } else if (value.equals(V2_MESSAGE)) {
                    version = RemoteWriteVersion.V2;
                } else {
                    throw new UnsupportedMediaException("unsupported remote-write message proto=" + value
                            + ": use " + V1_MESSAGE + " or " + V2_MESSAGE);
                }
            }
        }
        return version;
    }

    private static void checkEncoding(String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("snappy")) {
            throw new UnsupportedMediaException("unsupported Content-Encoding '" + contentEncoding
                    + "': remote-write bodies must be snappy block-compressed");
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** A request whose Content-Type or Content-Encoding is not remote-write: answered with 415. */
    public static final class UnsupportedMediaException extends RuntimeException {
        public UnsupportedMediaException(String message) {
            super(message);
        }
    }
}
