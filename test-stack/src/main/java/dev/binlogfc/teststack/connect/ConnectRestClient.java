package dev.binlogfc.teststack.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Manages connectors through the real Kafka Connect REST API, as an operator would with curl.
 *
 * <p>Every error status (4xx, 5xx) becomes a {@link ConnectRestException} carrying the status and the body.
 */
public final class ConnectRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl the worker's REST root, e.g. {@code http://127.0.0.1:8083} */
    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * {@code GET /health}: true once the worker has joined its group and serves requests; false while it starts
     * (503) or while nothing listens on its port yet. Workers older than Kafka 3.9 have no {@code /health}
     * (404); for them it is {@code GET /connectors} answering, which it does once the worker has joined.
     */
    public boolean isHealthy() {
        try {
            send("GET", "/health", BodyPublishers.noBody());
            return true;
        } catch (ConnectRestException e) {
            return e.status() == 404 && answers("/connectors");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * {@code GET /connector-plugins?connectorsOnly=false}: every plugin the worker found, with class, type and
     * version; workers older than Kafka 3.2 list only connectors.
     */
    public JsonNode connectorPlugins() {
        return send("GET", "/connector-plugins?connectorsOnly=false", BodyPublishers.noBody());
    }

    private boolean answers(String path) {
        try {
            send("GET", path, BodyPublishers.noBody());
            return true;
        } catch (ConnectRestException | UncheckedIOException e) {
            return false;
        }
    }

    /** Creates the connector or replaces its config: {@code PUT /connectors/{name}/config}; returns its info. */
    public JsonNode createOrUpdate(String name, Map<String, String> config) {
        return send("PUT", "/connectors/" + segment(name) + "/config", jsonBody(config));
    }

    /**
     * Validates a config without creating anything: {@code PUT /connector-plugins/{class}/config/validate}.
     * The answer has {@code error_count} and, per config key, {@code value.errors}. Connect counts a missing
     * {@code name} as an error here, so put the connector's name in the config.
     */
    public JsonNode validate(String pluginClass, Map<String, String> config) {
        return send("PUT", "/connector-plugins/" + segment(pluginClass) + "/config/validate", jsonBody(config));
    }

    /** {@code GET /connectors/{name}/config}: the config as posted (config provider references unresolved). */
    public JsonNode config(String name) {
        return send("GET", "/connectors/" + segment(name) + "/config", BodyPublishers.noBody());
    }

    /** {@code GET /connectors/{name}/status}: connector state, worker and per-task state (with trace if FAILED). */
    public JsonNode status(String name) {
        return send("GET", "/connectors/" + segment(name) + "/status", BodyPublishers.noBody());
    }

    /** Restarts the connector, and all its tasks when {@code includeTasks} is true. */
    public void restart(String name, boolean includeTasks) {
        send("POST", "/connectors/" + segment(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=false",
                BodyPublishers.noBody());
    }

    /** Pauses the connector and its tasks; takes effect asynchronously. */
    public void pause(String name) {
        send("PUT", "/connectors/" + segment(name) + "/pause", BodyPublishers.noBody());
    }

    /** Resumes a paused connector; takes effect asynchronously. */
    public void resume(String name) {
        send("PUT", "/connectors/" + segment(name) + "/resume", BodyPublishers.noBody());
    }

    /** Deletes the connector (its committed offsets stay in the offsets topic). */
    public void delete(String name) {
        send("DELETE", "/connectors/" + segment(name), BodyPublishers.noBody());
    }

    /**
     * Polls the status until the connector and exactly {@code tasks} tasks are RUNNING, and returns that status.
     *
     * @throws IllegalStateException at once when the connector or a task is FAILED (the message holds the
     *     status with its stack trace), or when the timeout passes first
     */
    public JsonNode awaitRunning(String name, int tasks, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastSeen = "no status yet";
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode status = status(name);
                lastSeen = status.toString();
                if (isFailed(status)) {
                    throw new IllegalStateException("Connector " + name + " failed: " + status.toPrettyString());
                }
                if (isRunning(status, tasks)) {
                    return status;
                }
            } catch (ConnectRestException e) {
                // 404 until the worker has picked up the new config; anything else is worth waiting out too.
                lastSeen = e.getMessage();
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Connector " + name + " did not reach RUNNING with " + tasks
                + " RUNNING task(s) within " + timeout + "; last seen: " + lastSeen);
    }

    private static boolean isFailed(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return true;
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRunning(JsonNode status, int tasks) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())
                || status.path("tasks").size() != tasks) {
            return false;
        }
        for (JsonNode task : status.path("tasks")) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private JsonNode send(String method, String path, BodyPublisher body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body)
                .build();
        String responseBody;
        int status;
        try {
            var response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
            status = response.statusCode();
            responseBody = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + uri, e);
        }
        if (status >= 400) {
            throw new ConnectRestException(method, uri.toString(), status, responseBody);
        }
        return parse(method, uri, responseBody);
    }

    private JsonNode parse(String method, URI uri, String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + uri + " answered with a body that is not JSON: " + body, e);
        }
    }

    private BodyPublisher jsonBody(Map<String, String> config) {
        try {
            return BodyPublishers.ofString(json.writeValueAsString(config), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Connector config cannot be written as JSON: " + config.keySet(), e);
        }
    }

    /** Connector and plugin names become one URL path segment; spaces must be %20, not '+'. */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a connector", e);
        }
    }
}
