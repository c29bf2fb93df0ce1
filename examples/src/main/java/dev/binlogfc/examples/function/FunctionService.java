package dev.binlogfc.examples.function;

import dev.binlogfc.teststack.fc.FcLocalEndpoint;
import java.io.IOException;
import java.util.Map;

/**
 * The example function as a local service, for the docker setup: an FC-compatible endpoint (signatures checked)
 * whose accepted batches {@link FunctionRunner} hands to {@link ReplicaFunction}. Configured by environment
 * variables: {@value #PORT}, {@value #SERVICE}, {@value #FUNCTION}, {@value #ACCESS_KEY_ID},
 * {@value #ACCESS_KEY_SECRET} for the endpoint, and {@link TargetDatabase}'s for the replica.
 *
 * <p>The endpoint listens on 127.0.0.1 only, so the sink must run on the same host or in the same network
 * namespace (docker: {@code network_mode: service:connect}).
 */
public final class FunctionService {
    public static final String PORT = "FC_PORT";
    public static final String SERVICE = "FC_SERVICE";
    public static final String FUNCTION = "FC_FUNCTION";
    public static final String ACCESS_KEY_ID = "FC_ACCESS_KEY_ID";
    public static final String ACCESS_KEY_SECRET = "FC_ACCESS_KEY_SECRET";

    private FunctionService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> environment = System.getenv();
        ReplicaFunction function = new ReplicaFunction();
        FcLocalEndpoint endpoint = FcLocalEndpoint.builder()
                .port(port(required(environment, PORT)))
                .service(required(environment, SERVICE))
                .function(required(environment, FUNCTION))
                .accessKey(required(environment, ACCESS_KEY_ID), required(environment, ACCESS_KEY_SECRET))
                .start();
        FunctionRunner runner = FunctionRunner.start(endpoint, function, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            endpoint.close();
        }));
        System.out.printf("Function %s/%s listening on %s, replicating into %s%n", endpoint.serviceName(),
                endpoint.functionName(), endpoint.url(), environment.get(TargetDatabase.URL_VARIABLE));
        Thread.currentThread().join();
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number, not '" + value + "'", e);
        }
    }

    private static String required(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set; the function service needs "
                    + String.join(", ", PORT, SERVICE, FUNCTION, ACCESS_KEY_ID, ACCESS_KEY_SECRET) + " and "
                    + String.join(", ", TargetDatabase.URL_VARIABLE, TargetDatabase.USER_VARIABLE, TargetDatabase.PASSWORD_VARIABLE));
        }
        return value;
    }
}
