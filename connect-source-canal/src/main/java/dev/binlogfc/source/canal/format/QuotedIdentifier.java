package dev.binlogfc.source.canal.format;

/** Reads identifiers that Debezium writes double-quoted, like {@code "inventory"."customers"}. */
final class QuotedIdentifier {

    private QuotedIdentifier() {
    }

    /** The last dot-separated part, unquoted; a doubled quote inside a quoted part stands for one quote. */
    static String lastPart(String identifier) {
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < identifier.length() && identifier.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                }
                else {
                    quoted = !quoted;
                }
            }
            else if (c == '.' && !quoted) {
                part.setLength(0);
            }
            else {
                part.append(c);
            }
        }
        return part.toString();
    }
}
