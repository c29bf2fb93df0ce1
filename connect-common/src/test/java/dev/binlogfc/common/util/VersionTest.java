package dev.binlogfc.common.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void isTheProjectVersionTheBuildWroteIn() {
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }
}
