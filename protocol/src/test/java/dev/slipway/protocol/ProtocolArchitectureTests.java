package dev.slipway.protocol;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * architecture.md §1: protocol is plain Java shared by all three apps, so it may not reach back into any of them, and
 * anything Spring or database-shaped in it would be pulled into every process (the edge has neither).
 */
@AnalyzeClasses(packages = "dev.slipway.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNothingOfOursOutsideProtocol = noClasses()
            .should().dependOnClassesThat(resideInAPackage("dev.slipway..").and(not(resideInAPackage("dev.slipway.protocol.."))));

    @ArchTest
    static final ArchRule usesNoSpringServletOrJdbc = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "java.sql..",
                    "javax.sql..", "org.flywaydb..");
}
