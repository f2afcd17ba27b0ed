package io.tributary.kafka;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two dynamic credential sources of the seed, shared by OAUTHBEARER and AWS_MSK_IAM: a file read anew at
 * every (re)authentication, and {@code GET /} over a Unix domain socket answered with 200. Failures name the
 * setting that points at the source and never quote what the source returned, which may hold a secret.
 */
final class CredentialSources {

    private CredentialSources() {
    }

    /**
     * A source that reads {@code file} at every fetch. Rotate by writing a new file and renaming it over the old
     * one, so no reader ever sees half a file.
     *
     * @param key  the setting that names the file
     * @param what what the file holds, for messages ("the OAUTHBEARER credentials")
     */
    static <T> CredentialSource<T> file(Path file, String key, String what, CredentialSource.Parser<T> parser) {
        return () -> parser.parse(readFile(file, key, what), key + " " + file);
    }

    /**
     * A source that asks {@code GET /} on {@code socket} at every fetch: the helper behind it decides the
     * credentials' lifetime, and they never touch the disk.
     */
    static <T> CredentialSource<T> socket(Path socket, Duration timeout, String key, String timeoutKey,
            CredentialSource.Parser<T> parser) {
        return () -> parser.parse(getOverSocket(socket, timeout, key, timeoutKey), key + " " + socket);
    }

    /**
     * The file's content.
     *
     * @param key  the setting that names the file
     * @param what what the file should hold, for the message ("the OAUTHBEARER credentials")
     */
    static String readFile(Path file, String key, String what) throws CredentialsUnavailableException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CredentialsUnavailableException(key + " " + file + " does not exist: create it with " + what
                    + " as JSON, or point " + key + " at the file that holds them");
        } catch (AccessDeniedException e) {
            throw new CredentialsUnavailableException(key + " " + file + " is not readable by this process: fix its "
                    + "permissions");
        } catch (IOException e) {
            throw new CredentialsUnavailableException(key + " " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** The body of a 200 answer to {@code GET /} on {@code socket}, within {@code timeout}. */
    static String getOverSocket(Path socket, Duration timeout, String key, String timeoutKey)
            throws CredentialsUnavailableException {
        UnixSocketHttpGet.Response response;
        try {
            response = UnixSocketHttpGet.get(socket, "/", timeout);
        } catch (SocketTimeoutException e) {
            throw new CredentialsUnavailableException("the credentials server on " + key + " " + socket
                    + " did not answer GET / within " + timeout.toMillis() + " ms (" + timeoutKey + ")");
        } catch (IOException e) {
            throw new CredentialsUnavailableException("nothing answers on " + key + " " + socket + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): start the credentials server, or fix the path");
        }
        if (response.status() != 200) {
            // The body is not quoted: an error page of a credentials helper may still echo secrets.
            throw new CredentialsUnavailableException("the credentials server on " + key + " " + socket
                    + " answered GET / with HTTP status " + response.status() + " instead of 200");
        }
        return response.body();
    }
}
