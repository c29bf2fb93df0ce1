package dev.binlogfc.etl;

import dev.binlogfc.teststack.arch.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        PackageCycles.assertNone("dev.binlogfc.etl");
    }
}
