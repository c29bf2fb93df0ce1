package dev.binlogfc.common.config;

import java.util.Locale;
import java.util.Set;

/**
 * An enum constant that a setting names: its canonical lower-kebab value and the spellings earlier versions
 * documented, which are still accepted with a deprecation warning. {@link EnumChoice} parses, validates and
 * recommends such settings.
 */
public interface EnumeratedSetting {

    /** The constant's name; enums implement it. */
    String name();

    /**
     * The canonical value, lower-kebab case; by default the constant's name so spelt: {@code KEEP_LAST} is
     * {@code keep-last}.
     */
    default String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Old spellings beyond other letter cases of {@link #value()} (which are always accepted), e.g.
     * {@code keep_last}; none by default.
     */
    default Set<String> deprecatedSpellings() {
        return Set.of();
    }
}
