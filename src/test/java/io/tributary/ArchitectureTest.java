package io.tributary;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the package dependency direction of CONVENTIONS.md true: config ← kafka ← distributor ← ingest; protocol
 * and storage depend on nothing of ours; tenant on config only; query and the write path never on each other.
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
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.protocol.."))
                .check(classes);
        noClasses().that().resideInAPackage("io.tributary.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void storageDependsOnNothingOfOursNorOnSpringOrKafka() {
        noClasses().that().resideInAPackage("io.tributary.storage..")
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.storage.."))
                .check(classes);
        noClasses().that().resideInAPackage("io.tributary.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void theHeadAndChunksArePlainJava() {
        noClasses().that().resideInAPackage("io.tributary.storage")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.tributary.storage", "java..")
                .check(classes);
    }

    @Test
    void settingsDependOnNoOtherCapability() {
        // BlocksStorageBucket maps the blocks-storage settings onto storage.bucket's plain records; nothing more.
        noClasses().that().resideInAPackage("io.tributary.config..")
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.config..", "io.tributary.storage.bucket"))
                .check(classes);
    }

    @Test
    void partitionReadersKnowNothingOfWhatStoresOrQueriesTheirRecords() {
        noClasses().that().resideInAPackage("io.tributary.consumer..")
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.consumer..", "io.tributary.config..",
                        "io.tributary.kafka..", "io.tributary.protocol.."))
                .check(classes);
    }

    @Test
    void nothingButTheIngesterWiringReachesIntoTheIngester() {
        noClasses().that().resideOutsideOfPackage("io.tributary.ingester..")
                .should().dependOnClassesThat().resideInAPackage("io.tributary.ingester..")
                .check(classes);
    }

    @Test
    void tenantResolutionDependsOnlyOnSettings() {
        noClasses().that().resideInAPackage("io.tributary.tenant..")
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.tenant..", "io.tributary.config.."))
                .check(classes);
    }

    @Test
    void theReadAndWritePathsDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("io.tributary.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.ingest..", "io.tributary.distributor..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.tributary.ingest..", "io.tributary.distributor..")
                .should().dependOnClassesThat().resideInAPackage("io.tributary.query..")
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

    @Test
    void nothingImportsTheConsole() {
        noClasses().that().resideOutsideOfPackage("io.tributary.console..")
                .should().dependOnClassesThat().resideInAPackage("io.tributary.console..")
                .check(classes);
    }

    @Test
    void accessRulesDependOnlyOnSettingsAndTenancy() {
        noClasses().that().resideInAPackage("io.tributary.access..")
                .should().dependOnClassesThat(ourPackagesOtherThan("io.tributary.access..", "io.tributary.config..",
                        "io.tributary.tenant.."))
                .check(classes);
    }

    /** Classes of ours outside the given packages (ArchUnit package patterns). */
    private static DescribedPredicate<JavaClass> ourPackagesOtherThan(String... packages) {
        return resideInAPackage("io.tributary..").and(resideOutsideOfPackages(packages))
                .as("classes of io.tributary outside " + String.join(", ", packages));
    }
}
