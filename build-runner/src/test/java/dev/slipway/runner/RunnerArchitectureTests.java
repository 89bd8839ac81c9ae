package dev.slipway.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * architecture.md §1: a runner talks to the control plane over HTTP only; it never shares code with the control plane
 * or the edge, and never opens a database connection (the control plane is the only process that touches PostgreSQL).
 */
@AnalyzeClasses(packages = "dev.slipway.runner", importOptions = ImportOption.DoNotIncludeTests.class)
class RunnerArchitectureTests {

    @ArchTest
    static final ArchRule usesNoOtherAppsCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.slipway.controlplane..", "dev.slipway.edge..");

    @ArchTest
    static final ArchRule opensNoDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                    "org.flywaydb..");
}
