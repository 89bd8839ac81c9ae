package dev.slipway.controlplane;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * architecture.md §1 inside the control plane: package by feature ({@code dev.slipway.controlplane.<feature>}), the
 * {@code *.web} packages are the only HTTP entry points and nothing else depends on them, and features call each
 * other's public services or events, never another feature's repository, and features depend on each other without
 * cycles: a change of what edges serve is announced through {@code routeversion}, which depends on nothing but
 * {@code support}; blob GC reads other features' blobs through {@code support.LooseBlobs}.
 */
@AnalyzeClasses(packages = "dev.slipway.controlplane", importOptions = ImportOption.DoNotIncludeTests.class)
class ControlPlaneArchitectureTests {

    private static final String BASE = "dev.slipway.controlplane";

    @ArchTest
    static final ArchRule usesNoOtherAppsCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.slipway.runner..", "dev.slipway.edge..");

    @ArchTest
    static final ArchRule featuresFormNoCycles = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule supportDependsOnNoFeature = noClasses().that().resideInAPackage(BASE + ".support..")
            .should().dependOnClassesThat(resideInAPackage(BASE + "..").and(not(resideInAPackage(BASE + ".support.."))));

    @ArchTest
    static final ArchRule onlyWebUsesWeb = noClasses().that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage(BASE + "..web..");

    @ArchTest
    static final ArchRule controllersLiveInWeb = classes()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().resideInAPackage("..web..");

    @ArchTest
    static final ArchRule repositoriesServeOnlyTheirFeature = classes()
            .that().haveSimpleNameEndingWith("Repository").or().areAnnotatedWith(Repository.class)
            .should(new ArchCondition<JavaClass>("be used by their own feature only") {
                @Override
                public void check(JavaClass repository, ConditionEvents events) {
                    for (Dependency use : repository.getDirectDependenciesToSelf()) {
                        if (!feature(use.getOriginClass()).equals(feature(repository))) {
                            events.add(SimpleConditionEvent.violated(use, use.getDescription()));
                        }
                    }
                }
            });

    /** {@code app} for {@code dev.slipway.controlplane.app.web}; blank for the root package. */
    private static String feature(JavaClass type) {
        String[] parts = type.getPackageName().substring(BASE.length()).split("\\.");
        return parts.length > 1 ? parts[1] : "";
    }
}
