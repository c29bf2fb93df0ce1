package dev.binlogfc.etl.columns;

import static dev.binlogfc.etl.record.CanalRecords.parse;
import static dev.binlogfc.etl.record.CanalRecords.row;
import static dev.binlogfc.etl.record.CanalRecords.sinkRecord;
import static dev.binlogfc.etl.record.CanalRecords.sourceRecord;
import static dev.binlogfc.etl.record.CanalRecords.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import dev.binlogfc.teststack.logging.LogCapture;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class MaskColumnsTest {

    @Test
    void keepLastMasksDataAndOldInTheMapForm() {
        MaskColumns<SourceRecord> mask = mask(Map.of("columns", "phone", "mode", "keep-last", "keep.last", "4"));

        CanalRecord masked = canal(mask.apply(sourceRecord(update("new", "paid"))).value());

        assertThat(masked.data()).containsEntry("phone", "*******1234");
        assertThat(masked.old()).containsEntry("phone", "*******1234");
        assertThat(masked.data()).containsEntry("status", "paid");
    }

    @Test
    void fixedReplacesEveryValueButNullAndRetypesTheColumnInTheStringForm() {
        MaskColumns<SinkRecord> mask = mask(Map.of("columns", "phone,status", "fixed.value", "<hidden>"));
        Map<String, Object> insert = CanalRecords.record("INSERT", row("7", "new", null), null);

        Map<String, Object> masked = parse(mask.apply(sinkRecord(insert)).value());

        assertThat(masked.get("data").toString()).isEqualTo("[{id=7, status=<hidden>, phone=null}]");
        assertThat(masked.get("mysqlType").toString()).isEqualTo("{id=int, status=varchar, phone=varchar}");
        assertThat(masked.get("sqlType").toString()).isEqualTo("{id=3, status=253, phone=253}");
    }

    @Test
    void theBytesFormOfByteArrayConverterStaysBytes() {
        MaskColumns<SinkRecord> mask = mask(Map.of("columns", "phone", "fixed.value", "<hidden>"));
        SinkRecord text = sinkRecord(CanalRecords.record("INSERT", row("7", "new", "13800001234"), null));
        SinkRecord bytes = text.newRecord(text.topic(), text.kafkaPartition(), text.keySchema(), text.key(),
                Schema.OPTIONAL_BYTES_SCHEMA, ((String) text.value()).getBytes(StandardCharsets.UTF_8), text.timestamp());

        Object masked = mask.apply(bytes).value();

        assertThat(masked).isInstanceOf(byte[].class);
        assertThat(new String((byte[]) masked, StandardCharsets.UTF_8))
            .isEqualTo(mask.apply(text).value()).contains("\"phone\":\"<hidden>\"");
    }

    @Test
    void hashIsTheSaltedSha256OfTheValue() throws Exception {
        MaskColumns<SinkRecord> mask = mask(Map.of("columns", "phone", "mode", "hash", "hash.salt", "pepper"));

        Map<String, Object> masked = parse(mask.apply(sinkRecord(update("new", "paid"))).value());

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("pepper13800001234".getBytes(StandardCharsets.UTF_8)));
        assertThat(masked.get("data").toString()).contains("phone=" + expected);
    }

    @Test
    void hashWithoutASaltIsRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> mask(Map.of("columns", "phone", "mode", "hash")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a secret salt");
        assertThat(MaskColumns.CONFIG_DEF.configKeys().get(MaskColumns.HASH_SALT_CONFIG).type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void keepLastCountsCharactersNotBytes() {
        assertThat(MaskMode.KEEP_LAST.masker("", "", 2).apply("北京市海淀区")).isEqualTo("****淀区");
        assertThat(MaskMode.KEEP_LAST.masker("", "", 8).apply("abc")).isEqualTo("abc");
    }

    @Test
    void anUnknownModeIsRejectedAtValidation() {
        assertThat(MaskColumns.CONFIG_DEF.validate(Map.of("columns", "phone", "mode", "scramble")).stream()
                .filter(v -> v.name().equals("mode")).findFirst().orElseThrow().errorMessages()).isNotEmpty();
    }

    @Test
    void theKeepLastSpellingOfEarlierVersionsStillWorksWithADeprecationWarning() {
        try (LogCapture log = new LogCapture(Map.of(EnumChoice.class.getName(), Level.WARN))) {
            MaskColumns<SourceRecord> mask = mask(Map.of("columns", "phone", "mode", "keep_last", "keep.last", "4"));

            assertThat(canal(mask.apply(sourceRecord(update("new", "paid"))).value()).data())
                    .containsEntry("phone", "*******1234");
            assertThat(log.linesOf(EnumChoice.class.getName())).singleElement().asString()
                    .contains("mode=keep_last", "mode=keep-last");
        }
    }

    @Test
    void validationShowsOnlyTheSettingsOfTheChosenMode() {
        for (String mode : List.of("fixed", "hash", "keep-last")) {
            List<String> visible = MaskColumns.CONFIG_DEF.validate(Map.of("columns", "phone", "mode", mode)).stream()
                    .filter(ConfigValue::visible).map(ConfigValue::name)
                    .filter(List.of("fixed.value", "hash.salt", "keep.last")::contains).toList();

            assertThat(visible).as(mode).containsExactly(switch (mode) {
                case "fixed" -> "fixed.value";
                case "hash" -> "hash.salt";
                default -> "keep.last";
            });
        }
        assertThat(MaskColumns.CONFIG_DEF.configKeys().get("mode").dependents)
                .containsExactly("fixed.value", "hash.salt", "keep.last");
    }

    @SuppressWarnings("unchecked")
    private static CanalRecord canal(Object value) {
        return CanalRecord.of((Map<String, Object>) value);
    }

    private static <R extends org.apache.kafka.connect.connector.ConnectRecord<R>> MaskColumns<R> mask(
            Map<String, String> config) {
        MaskColumns<R> mask = new MaskColumns<>();
        mask.configure(config);
        return mask;
    }
}
