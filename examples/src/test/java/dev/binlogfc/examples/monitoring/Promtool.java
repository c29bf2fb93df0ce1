package dev.binlogfc.examples.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's promtool, where installed (Debian: {@code apt-get install prometheus}); the tests that need it are
 * skipped with a message where it is not.
 */
final class Promtool {

    static final String MISSING = "promtool is not installed (Debian/Ubuntu: apt-get update && apt-get install -y"
            + " prometheus); the Prometheus rules tests are skipped";
    private static final long TIMEOUT_SECONDS = 120;

    private Promtool() {
    }

    static Optional<Path> find() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code promtool <arguments>}; returns its exit code and output. */
    static Result run(Path promtool, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("promtool did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}
