package dev.binlogfc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BENCHMARKS.md, in which each command owns the text between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->} and rewrites only that, so the benchmark and the fault suite can be rerun separately.
 */
final class ReportFile {

    private static final String HEADER = "# Benchmarks\n\nFigures measured on one machine with the commands shown; "
            + "each section is rewritten by its command.\n";

    private final Path file;

    ReportFile(Path file) {
        this.file = file;
    }

    void rewriteSection(String name, String content) {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + content.strip() + "\n" + end;
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            int from = text.indexOf(start);
            int to = text.indexOf(end);
            String updated = from >= 0 && to > from
                    ? text.substring(0, from) + section + text.substring(to + end.length())
                    : text.stripTrailing() + "\n\n" + section + "\n";
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not update " + file, e);
        }
    }
}
