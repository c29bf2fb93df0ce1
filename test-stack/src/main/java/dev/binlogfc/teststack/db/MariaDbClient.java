package dev.binlogfc.teststack.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mariadb} command-line client that ships with the server binaries: an independent reader of what the
 * server sends a client, used as an oracle in tests.
 */
public final class MariaDbClient {

    /**
     * The protocol's column type names as the client prints them ({@code --column-type-info}) to their codes, the
     * {@code enum_field_types} of MySQL's and MariaDB's {@code mysql_com.h}.
     */
    private static final Map<String, Integer> TYPE_CODES = Map.ofEntries(
            Map.entry("DECIMAL", 0), Map.entry("TINY", 1), Map.entry("SHORT", 2), Map.entry("LONG", 3),
            Map.entry("FLOAT", 4), Map.entry("DOUBLE", 5), Map.entry("NULL", 6), Map.entry("TIMESTAMP", 7),
            Map.entry("LONGLONG", 8), Map.entry("INT24", 9), Map.entry("DATE", 10), Map.entry("TIME", 11),
            Map.entry("DATETIME", 12), Map.entry("YEAR", 13), Map.entry("NEWDATE", 14), Map.entry("VARCHAR", 15),
            Map.entry("BIT", 16), Map.entry("JSON", 245), Map.entry("NEWDECIMAL", 246), Map.entry("ENUM", 247),
            Map.entry("SET", 248), Map.entry("TINY_BLOB", 249), Map.entry("MEDIUM_BLOB", 250),
            Map.entry("LONG_BLOB", 251), Map.entry("BLOB", 252), Map.entry("VAR_STRING", 253),
            Map.entry("STRING", 254), Map.entry("GEOMETRY", 255));
    /** A field's block: its name, some lines (Org_field, Catalog, Database, Table, Org_table) and its Type. */
    private static final Pattern FIELD = Pattern.compile("(?m)^Field\\s+\\d+:\\s+`([^`]*)`[\\s\\S]*?^Type:\\s+(\\w+)");
    private static final long TIMEOUT_SECONDS = 30;

    private final MariaDbServer server;

    MariaDbClient(MariaDbServer server) {
        this.server = server;
    }

    /**
     * Runs {@code query} with {@code mariadb --column-type-info} as root and returns each result column's name with
     * the protocol type code the server sent for it, in column order.
     */
    public Map<String, Integer> columnTypeCodes(String query) {
        String output = run(List.of("-t", "--column-type-info", "-e", query));
        Map<String, Integer> codes = new LinkedHashMap<>();
        Matcher field = FIELD.matcher(output);
        while (field.find()) {
            Integer code = TYPE_CODES.get(field.group(2));
            if (code == null) {
                throw new IllegalStateException("The client printed an unknown type " + field.group(2) + ":\n" + output);
            }
            codes.put(field.group(1), code);
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException("The client printed no column types for " + query + ":\n" + output);
        }
        return codes;
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                MariaDbBinaries.baseDir().resolve("bin").resolve("mariadb").toString(), "--no-defaults",
                "-h", MariaDbServer.HOST, "-P", Integer.toString(server.port()), "-u", "root"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb " + arguments + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the mariadb client", e);
        }
    }
}
