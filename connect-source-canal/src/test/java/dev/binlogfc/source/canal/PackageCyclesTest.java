package dev.binlogfc.source.canal;

import dev.binlogfc.teststack.arch.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        PackageCycles.assertNone("dev.binlogfc.source.canal");
    }
}
