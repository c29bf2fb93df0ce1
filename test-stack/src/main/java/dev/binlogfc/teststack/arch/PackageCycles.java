package dev.binlogfc.teststack.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Checks that the packages of a module depend on each other in one direction only, so that each reads without the
 * ones above it. Every package is a slice of its own, the module's root package included.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails with the cycles found among the packages under {@code rootPackage} (main classes only). */
    public static void assertNone(String rootPackage) {
        slices().matching("dev.binlogfc.(**)").should().beFreeOfCycles()
            .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage));
    }
}
