package dev.binlogfc.teststack.fc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function addressed by an InvokeFunction or GetFunction path: FC 2.0 names a service (and the qualifier after a
 * dot in it), FC 3.0 names only the function and passes the qualifier as a query parameter ({@code service} is
 * null). The qualifier is LATEST when the request names none.
 */
record InvocationPath(String service, String qualifier, String function) {

    static final String LATEST = "LATEST";

    private static final Pattern FC2_PATH = Pattern.compile(
        "/2016-08-15/services/([^/.]+)(?:\\.([^/]+))?/functions/([^/]+)");
    private static final Pattern FC3_PATH = Pattern.compile("/2023-03-30/functions/([^/]+)");
    private static final String INVOCATIONS = "/invocations";
    private static final String QUALIFIER_PARAMETER = "qualifier=";

    /** The function an InvokeFunction path ({@code invocation}) or a GetFunction path addresses. */
    static Optional<InvocationPath> parse(String path, String rawQuery, boolean invocation) {
        if (invocation && !path.endsWith(INVOCATIONS)) {
            return Optional.empty();
        }
        String functionPath = invocation ? path.substring(0, path.length() - INVOCATIONS.length()) : path;
        Matcher fc2 = FC2_PATH.matcher(functionPath);
        if (fc2.matches()) {
            String qualifier = fc2.group(2) == null ? LATEST : fc2.group(2);
            return Optional.of(new InvocationPath(fc2.group(1), qualifier, fc2.group(3)));
        }
        Matcher fc3 = FC3_PATH.matcher(functionPath);
        if (fc3.matches()) {
            return Optional.of(new InvocationPath(null, queryQualifier(rawQuery), fc3.group(1)));
        }
        return Optional.empty();
    }

    boolean isFc3() {
        return service == null;
    }

    private static String queryQualifier(String rawQuery) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith(QUALIFIER_PARAMETER)) {
                    return URLDecoder.decode(pair.substring(QUALIFIER_PARAMETER.length()), StandardCharsets.UTF_8);
                }
            }
        }
        return LATEST;
    }
}
