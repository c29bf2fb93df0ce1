package dev.binlogfc.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script in Node.js, a JavaScript engine the machine has, as an oracle for how JavaScript reads our JSON. */
final class NodeJs {

    private static final long TIMEOUT_SECONDS = 60;

    private NodeJs() {
    }

    /** Runs {@code script} with {@code input} on its standard input; returns its standard output's lines. */
    static List<String> run(String script, String input) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "-e", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || node.exitValue() != 0) {
            node.destroyForcibly();
            throw new IllegalStateException("node failed on its script; its output: " + output);
        }
        return output.lines().toList();
    }
}
