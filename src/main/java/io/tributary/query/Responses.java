package io.tributary.query;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two answer styles of the query path: Prometheus's JSON envelope, and plain text for remote read. */
final class Responses {

    private Responses() {
    }

    /** {@code {"status":"success","data":...,"warnings":[...]}}, warnings only when there are some. */
    static ServerResponse success(Object data, List<String> warnings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        if (!warnings.isEmpty()) {
            body.put("warnings", warnings);
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * {@code {"status":"error","errorType":...,"error":...}} with Prometheus's error types: {@code bad_data} (400),
     * {@code unavailable} (503), {@code internal} (500).
     */
    static ServerResponse error(int status, String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", errorType);
        body.put("error", message);
        return ServerResponse.status(HttpStatusCode.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** A plain-text reason, as the write path answers (and as Prometheus's remote-read handler does). */
    static ServerResponse text(int status, String message) {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        return ServerResponse.status(HttpStatusCode.valueOf(status)).build((request, response) -> {
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            return null;
        });
    }
}
