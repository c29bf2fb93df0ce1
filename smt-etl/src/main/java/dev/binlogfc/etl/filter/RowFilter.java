package dev.binlogfc.etl.filter;

import dev.binlogfc.common.config.EnumChoice;
import dev.binlogfc.common.config.EnumeratedSetting;
import dev.binlogfc.etl.record.CanalRecordTransformation;
import dev.binlogfc.etl.record.CanalValue;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/** Keeps or drops Canal records by a boolean expression over the record; see {@link #OVERVIEW_DOC}. */
public class RowFilter<R extends ConnectRecord<R>> extends CanalRecordTransformation<R> {
    public static final String EXPRESSION_CONFIG = "expression";
    public static final String ON_MATCH_CONFIG = "on.match";

    /** What to do with a record the expression matches; the others get the opposite. */
    public enum OnMatch implements EnumeratedSetting { KEEP, DROP }

    private static final EnumChoice<OnMatch> ON_MATCH_CHOICES = EnumChoice.of(OnMatch.class);

    public static final String OVERVIEW_DOC = "Keeps or drops Canal records by a JEXL boolean expression over"
            + " `type`, `database`, `table`, `isDdl`, `data.<column>` and `old.<column>` (column values are strings,"
            + " or null for SQL NULL): with `on.match=keep` (the default) the records the expression matches pass on"
            + " unchanged and the others are dropped, with `on.match=drop` the opposite. It sees every Canal record,"
            + " DDL included. An expression that does not compile, or would fail on every record, is rejected when"
            + " the connector is validated or created. Example:"
            + " `transforms.statusChanged.expression=type != 'UPDATE' || data.status != old.status`. "
            + RECORD_FORMS_DOC;

    private static final String GROUP = "Filter";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(EXPRESSION_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new RowExpressionValidator(),
                    ConfigDef.Importance.HIGH, "JEXL boolean expression over type, database, table, isDdl,"
                            + " data.column and old.column (column values are strings or null), e.g."
                            + " type == 'UPDATE' && data.status != old.status.",
                    GROUP, 1, ConfigDef.Width.LONG, "Expression")
            .define(ON_MATCH_CONFIG, ConfigDef.Type.STRING, OnMatch.KEEP.value(), ON_MATCH_CHOICES.validator(),
                    ConfigDef.Importance.MEDIUM,
                    "keep: pass on the records the expression matches and drop the rest; drop: the opposite.",
                    GROUP, 2, ConfigDef.Width.SHORT, "On match", List.of(), ON_MATCH_CHOICES.recommender());

    private RowExpression expression;
    private boolean keepMatching;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        expression = RowExpression.compile(config.getString(EXPRESSION_CONFIG));
        keepMatching = ON_MATCH_CHOICES.parse(ON_MATCH_CONFIG, config.getString(ON_MATCH_CONFIG)) == OnMatch.KEEP;
    }

    @Override
    protected R transform(R record, CanalValue value) {
        return expression.matches(value.record()) == keepMatching ? record : null;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
