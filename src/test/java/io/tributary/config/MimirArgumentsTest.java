package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Mimir's Go-style command line, translated into Spring Boot's. */
class MimirArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    @DisplayName("translates")
    void translates(String[] mimir, String[] spring) {
        assertThat(MimirArguments.translate(mimir)).containsExactly(spring);
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                line("a single-dash flag with = becomes a double-dash option",
                        args("-ingest-storage.kafka.topic=metrics"),
                        args("--ingest-storage.kafka.topic=metrics")),
                line("a flag followed by its value becomes one option",
                        args("-ingest-storage.kafka.topic", "metrics", "-distributor.remote-timeout", "5s"),
                        args("--ingest-storage.kafka.topic=metrics", "--distributor.remote-timeout=5s")),
                line("a negative number after a flag is its value",
                        args("-ingest-storage.kafka.auto-create-topic-default-partitions", "-1"),
                        args("--ingest-storage.kafka.auto-create-topic-default-partitions=-1")),
                line("a bare flag is a boolean set to true",
                        args("-ingest-storage.kafka.tls-enabled", "-ingest-storage.kafka.topic=metrics"),
                        args("--ingest-storage.kafka.tls-enabled=true", "--ingest-storage.kafka.topic=metrics")),
                line("a bare flag at the end is a boolean set to true",
                        args("-ingest-storage.enabled"),
                        args("--ingest-storage.enabled=true")),
                line("-config.file imports the Mimir YAML file, and fails when it is missing",
                        args("-config.file=/etc/mimir/mimir.yaml"),
                        args("--spring.config.import=file:/etc/mimir/mimir.yaml")),
                line("-config.file with its value as the next argument imports it too",
                        args("-config.file", "mimir.yml"),
                        args("--spring.config.import=file:mimir.yml")),
                line("-config.file without a YAML extension is still read as YAML",
                        args("-config.file=/etc/mimir/config"),
                        args("--spring.config.import=file:/etc/mimir/config[.yaml]")),
                line("double-dash options and plain arguments are kept",
                        args("--ingest-storage.kafka.topic=metrics", "--debug", "ingester"),
                        args("--ingest-storage.kafka.topic=metrics", "--debug", "ingester")),
                line("everything after -- is kept as it is",
                        args("-ingest-storage.kafka.tls-enabled", "--", "-not-a-flag"),
                        args("--ingest-storage.kafka.tls-enabled=true", "--", "-not-a-flag")),
                line("an empty value is kept empty",
                        args("-ingest-storage.kafka.client-id="),
                        args("--ingest-storage.kafka.client-id=")));
    }

    private static Arguments line(String sentence, String[] mimir, String[] spring) {
        return arguments(Named.of(sentence, mimir), spring);
    }

    private static String[] args(String... args) {
        return args;
    }
}
