package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5Z", "2024-01-02T03:04:05.123456Z",
        "2024-01-02T03:04:05.123456789Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
        "2024-02-29T00:00:00.000Z", "2024-01-02T03:04:05+08:00", "2024-01-02T03:04Z", "2024-01-02T03:04:05.1-01:30",
        "2024-01-02T03:04:05.Z" })
    void readsWhatJavaTimeReads(String text) {
        assertThat(UtcTimestampText.parse(text))
                .isEqualTo(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-13-02T03:04:05Z", "2023-02-29T03:04:05Z", "2024-01-02T24:00:00Z",
        "2024-01-02T03:04:60Z", "2024-01-02T03:04:05.1234567891Z", "2024-01-02 03:04:05Z", "2024-0a-02T03:04:05Z" })
    void rejectsWhatJavaTimeRejects(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcTimestampText.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
