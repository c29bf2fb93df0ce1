package dev.binlogfc.source.canal.precheck;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;

import dev.binlogfc.source.canal.config.SourceType;

/**
 * What the source server itself says about values that Debezium's events do not carry, read over Debezium's own
 * connection settings: the time zone its TIMESTAMP columns show in, and its server id, which DTS reports for rows of
 * the full copy where Debezium reports 0.
 *
 * @param timeZone the zone a client session starts in: the global {@code time_zone}, or for {@code SYSTEM} the server's
 *        {@code system_time_zone}; where that is an abbreviation (CST, CEST, IST ...) that is no valid zone id, or one
 *        whose current offset is not the server's, the server's current UTC offset, which is fixed: TIMESTAMPs from the
 *        other side of a daylight saving change then render one hour off, which only an explicit IANA zone avoids
 * @param serverId {@code @@server_id}
 */
public record SourceServerDefaults(ZoneId timeZone, long serverId) {

    private static final String SYSTEM_ZONE = "SYSTEM";

    /** Connects as the connector does (same driver, SSL and timeout settings), queries once and disconnects. */
    public static SourceServerDefaults read(SourceType type, Map<String, String> debeziumProperties)
            throws SQLException {
        try (BinlogConnectorConnection connection = SourceConnections.connection(type, debeziumProperties)) {
            connection.connect();
            return of(new SourceDatabase(connection.connection()));
        }
    }

    /** Queries an open connection; this leaves its session in the global time zone. */
    static SourceServerDefaults of(SourceDatabase database) throws SQLException {
        // Debezium's connection sets its own session zone (the driver's timezone/connectionTimeZone property);
        // other clients' sessions, and so the values they show, start in the global one.
        database.execute("SET SESSION time_zone = @@GLOBAL.time_zone");
        List<String> values = database.sessionValues("@@session.time_zone",
                "@@system_time_zone", "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())", "@@server_id");
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(Integer.parseInt(values.get(2)));
        return new SourceServerDefaults(effectiveZone(values.get(0), values.get(1), offset, Instant.now()),
                Long.parseLong(values.get(3)));
    }

    /**
     * @param sessionZone {@code @@session.time_zone}, e.g. SYSTEM, +08:00 or Asia/Shanghai
     * @param systemZone {@code @@system_time_zone}, often an abbreviation taken when the server started
     * @param offset the server's offset from UTC at {@code now}
     */
    static ZoneId effectiveZone(String sessionZone, String systemZone, ZoneOffset offset, Instant now) {
        String name = SYSTEM_ZONE.equalsIgnoreCase(sessionZone) ? systemZone : sessionZone;
        try {
            ZoneId zone = ZoneId.of(name.trim());
            // A name valid in Java can still mean another zone than the server's (EST all year for a server in
            // New York that started in winter): the server's offset decides.
            if (zone.getRules().getOffset(now).equals(offset)) {
                return zone;
            }
        } catch (DateTimeException e) {
            // An abbreviation such as CST names several zones (China, US Central, Cuba): use the offset.
        }
        return offset;
    }
}
