package dev.binlogfc.benchmarks;

/** The -D size and tuning parameters of the benchmark and the fault suite. */
final class SystemProperties {

    private SystemProperties() {
    }

    /** The whole number given as -Dname, or the default; anything else stops the run with a message naming it. */
    static int positiveInt(String name, int defaultValue) {
        String value = System.getProperty(name);
        try {
            int parsed = value == null ? defaultValue : Integer.parseInt(value.strip());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a positive whole number, not '" + value + "'");
        }
    }
}
