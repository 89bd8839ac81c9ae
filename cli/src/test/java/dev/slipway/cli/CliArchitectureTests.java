package dev.slipway.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI is a client of the public API and nothing else: it ships as one small jar to machines without Slipway, so
 * it may use only the JDK and Jackson, never the apps' or protocol's code (which would tie it to internal records).
 */
@AnalyzeClasses(packages = "dev.slipway.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTests {

    @ArchTest
    static final ArchRule onlyTheJdkAndJackson = classes().that().resideInAPackage("dev.slipway.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.slipway.cli..", "java..", "tools.jackson..",
                    "com.fasterxml.jackson.annotation..");
}
