package io.tributary;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the package dependency direction of CONVENTIONS.md true: config ← kafka ← distributor ← ingest, and storage
 * depending on nothing of ours.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tributary");
    }

    @Test
    void theWireFormatDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.tributary.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.config..", "io.tributary.kafka..",
                        "io.tributary.distributor..", "io.tributary.ingest..")
                .check(classes);
        noClasses().that().resideInAPackage("io.tributary.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void settingsDependOnNoOtherCapability() {
        noClasses().that().resideInAPackage("io.tributary.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.kafka..", "io.tributary.distributor..",
                        "io.tributary.ingest..", "io.tributary.protocol..")
                .check(classes);
    }

    @Test
    void settingsReachIntoStorageOnlyForTheBucketConfiguration() {
        // BlocksStorageBucket maps the blocks-storage settings onto storage.bucket's plain records; nothing more.
        noClasses().that().resideInAPackage("io.tributary.config..")
                .should().dependOnClassesThat(resideInAPackage("io.tributary.storage..")
                        .and(not(resideInAPackage("io.tributary.storage.bucket"))))
                .check(classes);
    }

    @Test
    void storageDependsOnNothingOfOursNorOnSpringOrKafka() {
        noClasses().that().resideInAPackage("io.tributary.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.config..", "io.tributary.kafka..",
                        "io.tributary.distributor..", "io.tributary.ingest..", "io.tributary.protocol..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void theKafkaSeamKnowsNothingOfTheWritePath() {
        noClasses().that().resideInAPackage("io.tributary.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.distributor..", "io.tributary.ingest..")
                .check(classes);
    }

    @Test
    void theDistributorDoesNotReachBackIntoIngest() {
        noClasses().that().resideInAPackage("io.tributary.distributor..")
                .should().dependOnClassesThat().resideInAPackage("io.tributary.ingest..")
                .check(classes);
    }

    @Test
    void onlyTheKafkaSeamBuildsKafkaClientConfiguration() {
        // SecretKeys reads Kafka's config definitions (which keys are passwords) but builds no client config.
        noClasses().that().resideOutsideOfPackage("io.tributary.kafka..").and().doNotHaveSimpleName("SecretKeys")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.ProducerConfig")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.consumer.ConsumerConfig")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.admin.AdminClientConfig")
                .check(classes);
    }
}
