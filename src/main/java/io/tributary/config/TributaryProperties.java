package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code tributary.*} settings: what is ours and has no Mimir name. */
@ConfigurationProperties("tributary")
public class TributaryProperties {

    /** Directory that holds all state (embedded broker log, settings file, blocks), so instances never collide. */
    private Path dataDir = Path.of("data");

    /** Roles of this process: all, distributor or ingester. */
    private Target target = Target.ALL;

    /** Take the tenant from X-Scope-OrgID (and answer 401 without it); when false every write goes to no-auth-tenant. */
    private boolean multitenancyEnabled = true;

    /** Accept the basic-auth username as the tenant when X-Scope-OrgID is absent (for senders that cannot set headers). */
    private boolean basicAuthTenantEnabled = true;

    /** Tenant used for every write when multi-tenancy is off. */
    private String noAuthTenant = "anonymous";

    /** Instance id; an ingester owns the partition numbered by its trailing digits (ingester-zone-a-7 owns 7). */
    private String instanceId = "";

    /** Partitions this ingester owns, overriding the instance id rule; empty = derive (all partitions for target=all). */
    private List<Integer> ownedPartitions = new ArrayList<>();

    /** Settings of the in-process broker started when ingest-storage.kafka.address is empty. */
    private EmbeddedKafka embeddedKafka = new EmbeddedKafka();

    /** Which Kafka-compatible backend this is; its hard requirements are checked at startup ({@link KafkaFlavor}). */
    private KafkaFlavor kafkaFlavor = KafkaFlavor.GENERIC;

    /** The console's admin account. */
    private ConsoleSettings console = new ConsoleSettings();

    /** Optional credentials for the remote-write, remote-read and query endpoints (off by default). */
    private ApiAuthSettings apiAuth = new ApiAuthSettings();

    public ConsoleSettings getConsole() {
        return console;
    }

    public void setConsole(ConsoleSettings console) {
        this.console = console;
    }

    public ApiAuthSettings getApiAuth() {
        return apiAuth;
    }

    public void setApiAuth(ApiAuthSettings apiAuth) {
        this.apiAuth = apiAuth;
    }

    public KafkaFlavor getKafkaFlavor() {
        return kafkaFlavor;
    }

    public void setKafkaFlavor(KafkaFlavor kafkaFlavor) {
        this.kafkaFlavor = kafkaFlavor;
    }

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Target getTarget() {
        return target;
    }

    public void setTarget(Target target) {
        this.target = target;
    }

    public boolean isMultitenancyEnabled() {
        return multitenancyEnabled;
    }

    public void setMultitenancyEnabled(boolean multitenancyEnabled) {
        this.multitenancyEnabled = multitenancyEnabled;
    }

    public boolean isBasicAuthTenantEnabled() {
        return basicAuthTenantEnabled;
    }

    public void setBasicAuthTenantEnabled(boolean basicAuthTenantEnabled) {
        this.basicAuthTenantEnabled = basicAuthTenantEnabled;
    }

    public String getNoAuthTenant() {
        return noAuthTenant;
    }

    public void setNoAuthTenant(String noAuthTenant) {
        this.noAuthTenant = noAuthTenant;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public List<Integer> getOwnedPartitions() {
        return ownedPartitions;
    }

    public void setOwnedPartitions(List<Integer> ownedPartitions) {
        this.ownedPartitions = ownedPartitions;
    }

    public EmbeddedKafka getEmbeddedKafka() {
        return embeddedKafka;
    }

    public void setEmbeddedKafka(EmbeddedKafka embeddedKafka) {
        this.embeddedKafka = embeddedKafka;
    }

    /** The in-process single-node KRaft broker used for evaluation when no Kafka address is set. */
    public static class EmbeddedKafka {

        /** Port to listen on (127.0.0.1); when taken, a free port is used and logged. */
        private int port = 9092;

        /** Partitions of topics the embedded broker creates by default (its num.partitions). */
        private int defaultPartitions = 8;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getDefaultPartitions() {
            return defaultPartitions;
        }

        public void setDefaultPartitions(int defaultPartitions) {
            this.defaultPartitions = defaultPartitions;
        }
    }
}
