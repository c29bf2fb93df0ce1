package dev.binlogfc.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on: CPU, cores, memory, JDK, OS and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s, %d cores (nproc), %s memory, %s %s (%s), %s %s; "
                        + "1-minute load average at start %.2f",
                procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
                runtime.availableProcessors(),
                procLine(Path.of("/proc/meminfo"), "MemTotal").map(Machine::gibibytes).orElse("unknown"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The value after the colon of the first line of a /proc file starting with {@code key}. */
    private static Optional<String> procLine(Path file, String key) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String gibibytes(String memTotal) {
        long kibibytes = Long.parseLong(memTotal.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kibibytes / 1024.0 / 1024.0);
    }
}
