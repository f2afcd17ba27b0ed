package io.tributary.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.tributary.distributor.DistributorConfiguration;
import io.tributary.tenant.TenantResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/v1/push} (Mimir's path) and {@code /api/v1/write} (Prometheus's): the remote-write
 * 1.0 and 2.0 receiver. It works on the raw servlet request so the body is read once into a reused buffer.
 */
@RestController
@ConditionalOnExpression(DistributorConfiguration.RUNS_DISTRIBUTOR)
public class RemoteWriteController {

    static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
    static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
    static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";

    private static final Logger log = LoggerFactory.getLogger(RemoteWriteController.class);

    private final PushService pushService;
    private final TenantResolver tenants;
    private final MeterRegistry registry;

    public RemoteWriteController(PushService pushService, TenantResolver tenants, MeterRegistry registry) {
        this.pushService = pushService;
        this.tenants = tenants;
        this.registry = registry;
    }

    @PostMapping({"/api/v1/push", "/api/v1/write"})
    public void push(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RemoteWriteVersion version = null;
        PushResponse answer;
        try {
            version = ContentNegotiation.negotiate(request.getContentType(), request.getHeader("Content-Encoding"));
            String tenant = tenants.resolve(request.getHeader(TenantResolver.TENANT_HEADER), request.getHeader("Authorization"));
            RequestBody.Bytes body = RequestBody.read(request.getInputStream(), request.getContentLength(),
                    pushService.maxMessageBytes());
            try {
                answer = pushService.push(tenant, version, body.bytes(), body.length());
            } finally {
                body.release();
            }
        } catch (ContentNegotiation.UnsupportedMediaException e) {
            answer = PushResponse.rejected(415, e.getMessage());
        } catch (TenantResolver.TenantException e) {
            answer = PushResponse.rejected(e.status(), e.getMessage());
        } catch (RequestBody.TooLargeException e) {
            answer = PushResponse.rejected(413, e.getMessage());
        }
        render(answer, version, response);
    }

    private void render(PushResponse answer, RemoteWriteVersion version, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        // Exact on every answer, 1.0 included: Prometheus 3.x senders read them when present.
        response.setHeader(SAMPLES_WRITTEN, Long.toString(answer.samplesWritten()));
        response.setHeader(HISTOGRAMS_WRITTEN, Long.toString(answer.histogramsWritten()));
        response.setHeader(EXEMPLARS_WRITTEN, Long.toString(answer.exemplarsWritten()));
        if (answer.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(answer.retryAfterSeconds()));
        }
        Counter.builder("tributary.remote.write.requests")
                .description("Remote-write requests answered, by protocol version and HTTP status code.")
                .tag("version", version == null ? "unknown" : version.label())
                .tag("status_code", Integer.toString(answer.status()))
                .register(registry).increment();
        if (answer.message() != null) {
            if (answer.status() >= 500) {
                log.warn("remote-write answered {}: {}", answer.status(), answer.message());
            } else {
                log.debug("remote-write answered {}: {}", answer.status(), answer.message());
            }
            byte[] body = (answer.message() + "\n").getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
