package dev.slipway.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * architecture.md §1: the edge reads routes and blobs from the control plane over HTTP only, never opens a database
 * connection, and is a WebFlux app that never pulls the servlet stack (Spring Cloud Gateway's server-webflux flavour).
 */
@AnalyzeClasses(packages = "dev.slipway.edge", importOptions = ImportOption.DoNotIncludeTests.class)
class EdgeArchitectureTests {

    @ArchTest
    static final ArchRule usesNoOtherAppsCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.slipway.controlplane..", "dev.slipway.runner..");

    @ArchTest
    static final ArchRule opensNoDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                    "org.flywaydb..");

    @ArchTest
    static final ArchRule hasNoServletStack = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..");
}
