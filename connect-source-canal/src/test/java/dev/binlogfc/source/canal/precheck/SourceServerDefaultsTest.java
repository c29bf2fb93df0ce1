package dev.binlogfc.source.canal.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the server's time_zone, system_time_zone and current offset become the zone TIMESTAMPs render in. */
class SourceServerDefaultsTest {

    private static final Instant SUMMER = Instant.parse("2026-07-01T00:00:00Z");

    @ParameterizedTest(name = "time_zone={0}, system_time_zone={1}, offset={2} -> {3}")
    @CsvSource({
            "+08:00, UTC, +08:00, +08:00",
            "Asia/Shanghai, UTC, +08:00, Asia/Shanghai",
            "SYSTEM, UTC, Z, UTC",
            "system, Europe/Berlin, +02:00, Europe/Berlin",
            // Abbreviations that are no zone id: China's CST, India's IST, Central European Summer Time.
            "SYSTEM, CST, +08:00, +08:00",
            "SYSTEM, IST, +05:30, +05:30",
            "SYSTEM, CEST, +02:00, +02:00",
            // A valid id whose offset is not the server's: EST taken at a winter start, the server now on -04:00.
            "SYSTEM, EST, -04:00, -04:00" })
    void theSessionZoneWinsAndAbbreviationsBecomeTheServersOffset(String sessionZone, String systemZone,
                                                                    String offset, String expected) {
        ZoneId zone = SourceServerDefaults.effectiveZone(sessionZone, systemZone, ZoneOffset.of(offset), SUMMER);

        assertThat(zone).isEqualTo(ZoneId.of(expected));
    }
}
