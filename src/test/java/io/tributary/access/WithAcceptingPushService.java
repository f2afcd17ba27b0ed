package io.tributary.access;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;

import io.tributary.ingest.PushResponse;
import io.tributary.ingest.PushService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The MockMvc security tests' common ground: the web layer of the real app with a push service that accepts
 * every write, so a test sees only what the security chains let through.
 */
abstract class WithAcceptingPushService {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PushService pushService;

    @BeforeEach
    void acceptEveryPush() {
        when(pushService.maxMessageBytes()).thenReturn(1 << 20);
        when(pushService.push(any(), any(), any(), anyInt())).thenReturn(new PushResponse(204, null, 1, 0, 0, 0));
    }
}
