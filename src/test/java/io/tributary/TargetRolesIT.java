package io.tributary;

import static org.awaitility.Awaitility.await;

import io.tributary.consumer.PartitionReaders;
import java.time.Duration;
import io.tributary.distributor.PartitionWriter;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TestApplicationProperties;
import io.tributary.verify.CheckRun;
import io.tributary.verify.CheckRunner;
import io.tributary.verify.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tributary.target=ingester} runs no distributor: no producer, and no remote-write endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"tributary.target=ingester",
        "tributary.instance-id=ingester-zone-a-1"})
@Timeout(120)
class TargetRolesIT {

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(TargetRolesIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void anIngesterHasNoWritePath() {
        assertThat(context.getBeansOfType(PartitionWriter.class)).isEmpty();

        var response = new RemoteWriteClient(port).push("team-a", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("h", 1), System.currentTimeMillis(), 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void anIngesterSkipsTheEndToEndCanaryForWantOfADistributorAndPassesItsOwnChecks() throws Exception {
        var endpoint = ConsoleAdmin.get(port, "/actuator/checks/end-to-end-canary");
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).contains("\"status\":\"SKIPPED\"", "tributary.target=ingester");

        // The check warns, rightly, while a reader is still catching up at startup; it is about a running ingester.
        await().atMost(Duration.ofSeconds(60)).until(() -> context.getBean(PartitionReaders.class).allCaughtUp());
        CheckRun run = context.getBean(CheckRunner.class).runOne("partition-consumers", "test");
        assertThat(run.checks().get(0).status()).as(run.toString()).isEqualTo(CheckStatus.PASS);
        assertThat(run.checks().get(0).evidence()).contains("ingester-zone-a-1");
    }
}
