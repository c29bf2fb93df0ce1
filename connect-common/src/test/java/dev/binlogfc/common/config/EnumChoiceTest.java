package dev.binlogfc.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.teststack.logging.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class EnumChoiceTest {

    private enum Mode implements EnumeratedSetting {
        FIXED,
        KEEP_LAST {
            @Override
            public Set<String> deprecatedSpellings() {
                return Set.of("keep_last");
            }
        },
        LEGACY {
            @Override
            public String value() {
                return "fc2";
            }
        }
    }

    private static final EnumChoice<Mode> MODES = EnumChoice.of(Mode.class);

    private static List<String> warnings(Runnable parsing) {
        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            parsing.run();
            return log.linesOf(EnumChoice.class.getName());
        }
    }

    @Test
    void canonicalValuesAreTheLowerKebabNamesUnlessAConstantNamesItsOwn() {
        assertThat(MODES.values()).containsExactly("fixed", "keep-last", "fc2");
    }

    @Test
    void parsesTheCanonicalSpellingWithoutWarning() {
        assertThat(warnings(() -> assertThat(MODES.parse("mode", " keep-last ")).isEqualTo(Mode.KEEP_LAST)))
            .isEmpty();
    }

    @Test
    void parsesOldSpellingsAndOtherCasesWithOneWarningNamingKeyOldAndNewValue() {
        assertThat(warnings(() -> assertThat(MODES.parse("mode", "KEEP_LAST")).isEqualTo(Mode.KEEP_LAST)))
            .singleElement().asString().contains("mode=KEEP_LAST", "deprecated", "mode=keep-last");
        assertThat(warnings(() -> assertThat(MODES.parse("mode", "Fixed")).isEqualTo(Mode.FIXED)))
            .singleElement().asString().contains("mode=Fixed", "mode=fixed");
    }

    @Test
    void parsesListsEntryByEntryWithAWarningPerDeprecatedEntry() {
        List<String> warnings = warnings(() -> assertThat(MODES.parseList("modes", List.of("FIXED", "fc2",
            "keep_last"))).containsExactly(Mode.FIXED, Mode.LEGACY, Mode.KEEP_LAST));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("modes=FIXED", "modes=fixed");
        assertThat(warnings.get(1)).contains("modes=keep_last", "modes=keep-last");
    }

    @Test
    void rejectionNamesKeyValueAndTheCanonicalValues() {
        assertThatThrownBy(() -> MODES.parse("mode", "keep"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContainingAll("mode", "keep", "fixed, keep-last, fc2");
        assertThatThrownBy(() -> MODES.validator().ensureValid("modes", List.of("fixed", "keep lastt")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContainingAll("modes", "keep lastt", "fixed, keep-last, fc2");
        assertThatThrownBy(() -> MODES.validator().ensureValid("mode", null)).isInstanceOf(ConfigException.class);
        MODES.optionalValidator().ensureValid("mode", null);
        MODES.nonEmptyListValidator().ensureValid("modes", List.of("FIXED"));
        assertThatThrownBy(() -> MODES.nonEmptyListValidator().ensureValid("modes", List.of()))
            .isInstanceOf(ConfigException.class).hasMessageContainingAll("modes", "at least one of fixed");
        assertThatThrownBy(() -> MODES.nonEmptyListValidator().ensureValid("modes", List.of("fixed", "other")))
            .isInstanceOf(ConfigException.class).hasMessageContainingAll("other", "fixed, keep-last, fc2");
        assertThatThrownBy(() -> MODES.optionalValidator().ensureValid("mode", "keep"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("fixed, keep-last, fc2");
    }

    @Test
    void validatorAcceptsEveryAcceptedSpellingOfSingleValuesAndListEntries() {
        MODES.validator().ensureValid("mode", "KEEP_LAST");
        MODES.validator().ensureValid("modes", List.of("fixed", "Keep-Last", "FC2"));
        assertThat(MODES.validator()).hasToString("fixed, keep-last, fc2");
    }

    @Test
    void findNeverWarnsAndIsEmptyForWhatNamesNoConstant() {
        assertThat(warnings(() -> assertThat(MODES.find("keep_last")).contains(Mode.KEEP_LAST))).isEmpty();
        assertThat(MODES.find("other")).isEmpty();
        assertThat(MODES.find(3)).isEmpty();
        assertThat(MODES.find(null)).isEmpty();
    }

    @Test
    void connectsValidationListsTheCanonicalValuesAndHidesDependentsOutsideTheirMode() {
        ConfigDef def = new ConfigDef()
            .define("mode", ConfigDef.Type.STRING, "fixed", MODES.validator(), ConfigDef.Importance.HIGH, "mode",
                "group", 1, ConfigDef.Width.SHORT, "Mode", List.of("keep"), MODES.recommender())
            .define("keep", ConfigDef.Type.INT, 4, null, ConfigDef.Importance.LOW, "kept characters", "group", 2,
                ConfigDef.Width.SHORT, "Keep", List.of(),
                Recommenders.visibleWhen(MODES.when("mode", Mode.KEEP_LAST)));

        Map<String, ConfigValue> fixed = byName(def.validate(Map.of("mode", "fixed")));
        assertThat(fixed.get("mode").recommendedValues()).containsExactly("fixed", "keep-last", "fc2");
        assertThat(fixed.get("mode").errorMessages()).isEmpty();
        assertThat(fixed.get("keep").visible()).isFalse();
        assertThat(byName(def.validate(Map.of("mode", "keep_last"))).get("keep").visible()).isTrue();
        Map<String, ConfigValue> invalid = byName(def.validate(Map.of("mode", "other")));
        assertThat(invalid.get("mode").errorMessages()).singleElement().asString().contains("fixed, keep-last");
        assertThat(invalid.get("keep").visible()).isTrue();
    }

    @Test
    void aChoiceTwoSettingsDependOnIsRecommendedOnceForEach() {
        ConfigDef def = new ConfigDef();
        for (String parent : List.of("first", "second")) {
            def.define(parent, ConfigDef.Type.STRING, "", null, ConfigDef.Importance.LOW, parent, "group", 1,
                ConfigDef.Width.SHORT, parent, List.of("mode"), null);
        }
        def.define("mode", ConfigDef.Type.STRING, "fixed", MODES.validator(), ConfigDef.Importance.HIGH, "mode",
            "group", 3, ConfigDef.Width.SHORT, "Mode", List.of(), MODES.recommender());

        // Connect validates "mode" once per parent and narrows the recommended values in place the second time.
        assertThat(byName(def.validate(Map.of())).get("mode").recommendedValues())
            .containsExactly("fixed", "keep-last", "fc2");
    }

    private static Map<String, ConfigValue> byName(List<ConfigValue> values) {
        return values.stream().collect(Collectors.toMap(ConfigValue::name, value -> value));
    }
}
