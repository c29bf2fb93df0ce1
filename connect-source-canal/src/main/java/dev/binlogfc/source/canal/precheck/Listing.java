package dev.binlogfc.source.canal.precheck;

import java.util.Collection;
import java.util.stream.Collectors;

/** Names in a message: all of them up to a limit, then how many more, so that a message stays readable. */
final class Listing {

    private static final int SHOWN = 20;

    private Listing() {
    }

    static String of(Collection<?> names) {
        String shown = names.stream().limit(SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
        return names.size() > SHOWN ? shown + " and " + (names.size() - SHOWN) + " more" : shown;
    }
}
