package dev.binlogfc.teststack.fc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The function addressed by an FC 2.0 invocation path; the qualifier is LATEST when the path names none. */
record InvocationPath(String service, String qualifier, String function) {

    static final String LATEST = "LATEST";

    private static final Pattern PATH = Pattern.compile(
        "/2016-08-15/services/([^/.]+)(?:\\.([^/]+))?/functions/([^/]+)/invocations");

    static Optional<InvocationPath> parse(String path) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String qualifier = matcher.group(2) == null ? LATEST : matcher.group(2);
        return Optional.of(new InvocationPath(matcher.group(1), qualifier, matcher.group(3)));
    }
}
