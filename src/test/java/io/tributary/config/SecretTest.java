package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link Secret} never renders its value, neither as text nor as JSON. */
class SecretTest {

    @Test
    @DisplayName("toString masks a set secret")
    void toStringMasks() {
        assertThat(Secret.of("hunter2")).hasToString("******");
    }

    @Test
    @DisplayName("toString of an unset secret is empty, so 'not configured' stays visible")
    void unsetRendersEmpty() {
        assertThat(Secret.of("")).hasToString("");
        assertThat(Secret.of(null).isSet()).isFalse();
    }

    @Test
    @DisplayName("reveal hands out the clear-text value for the Kafka client configuration")
    void revealReturnsTheValue() {
        assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
    }

    @Test
    @DisplayName("Jackson 3 serialises a secret masked, also inside an object")
    void jacksonSerialisesMasked() {
        JsonMapper mapper = JsonMapper.shared();

        assertThat(mapper.writeValueAsString(Secret.of("hunter2"))).isEqualTo("\"******\"");
        String json = mapper.writeValueAsString(new SaslLogin("ingester", Secret.of("hunter2")));
        assertThat(json).isEqualTo("{\"username\":\"ingester\",\"password\":\"******\"}").doesNotContain("hunter2");
    }

    @Test
    @DisplayName("the binding converter turns a configured string into a secret")
    void converterBindsStrings() {
        assertThat(new SecretConverter().convert("hunter2").reveal()).isEqualTo("hunter2");
        assertThat(new SecretConverter().convert("").isSet()).isFalse();
    }

    record SaslLogin(String username, Secret password) {
    }
}
