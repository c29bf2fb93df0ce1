package dev.binlogfc.etl.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlogfc.etl.record.CanalRecord;
import dev.binlogfc.etl.record.CanalRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.jexl3.JexlException;

/**
 * Fuzzes the row filter's validation with generated expressions: conditions, values, column reads, reads of
 * properties of anything else, constants that fail, method calls and assignments. Whatever compiles must, on every
 * record, yield true or false or fail with the documented error naming the expression, and never because a property
 * or variable is unknown (a missing column reads as null); and on a record without the columns it reads it must
 * yield true or false, as no data can be at fault there.
 */
class RowExpressionValidationPropertyTest {

    private static final List<CanalRecord> RECORDS = records();
    private static final CanalRecord WITHOUT_COLUMNS = CanalRecord.of(CanalRecords.record("INSERT", Map.of(), null));

    @Property(tries = 3_000)
    void whatPassesValidationFailsOnlyOnData(@ForAll("expressions") String text) {
        RowExpression expression;
        try {
            expression = RowExpression.compile(text);
        } catch (InvalidRowExpressionException e) {
            assertThat(e.getMessage()).as(text).containsPattern("line \\d+, column \\d+|unknown variable");
            Statistics.label("validation").collect("rejected");
            return;
        }
        Statistics.label("validation").collect("accepted");
        for (CanalRecord record : RECORDS) {
            try {
                expression.matches(record);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as(text).contains("the row filter expression '" + text + "' failed");
                assertThat(e.getCause()).as(text).isNotInstanceOfAny(JexlException.Property.class,
                        JexlException.Variable.class, JexlException.Method.class);
            }
        }
        assertThat(expression.matches(WITHOUT_COLUMNS)).as(text).isIn(true, false);
    }

    @Provide
    Arbitrary<String> expressions() {
        return condition(3);
    }

    private static Arbitrary<String> condition(int depth) {
        Arbitrary<String> value = value(depth);
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                Arbitraries.of("true", "false", "isDdl", "type == 'UPDATE'", "data.status != old.status"),
                Arbitraries.of("==", "!=", "<", "<=", ">", ">=", "===", "!==", "=^", "!^", "=$", "!$")
                        .flatMap(op -> value.flatMap(left -> value.map(right -> left + " " + op + " " + right))),
                value.flatMap(left -> Arbitraries.of("'^p.*'", "'x[0-'", "['paid', 'new']", "1..3", "{'a', 'b'}",
                                "data.status")
                        .flatMap(pattern -> Arbitraries.of("=~", "!~").map(op -> left + " " + op + " " + pattern))),
                value.map(v -> "empty(" + v + ")"),
                value.map(v -> "size(" + v + ") > 1"),
                // Not conditions: values, and forms the feature set refuses.
                value,
                value.map(v -> v + ".toString() == 'x'"),
                value.map(v -> "data.status = " + v)));
        if (depth > 0) {
            Arbitrary<String> inner = Arbitraries.lazy(() -> condition(depth - 1));
            choices.add(inner.map(c -> "!(" + c + ")"));
            choices.add(inner.flatMap(l -> Arbitraries.of(" && ", " || ", " ?? ")
                    .flatMap(op -> inner.map(r -> l + op + r))));
            choices.add(inner.flatMap(c -> inner.flatMap(t -> inner.map(f -> "(" + c + ") ? (" + t + ") : (" + f + ")"))));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> column = Arbitraries.of("data.status", "old.status", "data.id", "data['phone']",
                "data.missing", "old['id']", "data[table]");
        Arbitrary<String> scalar = Arbitraries.oneOf(column,
                Arbitraries.of("type", "database", "table", "isDdl"),
                Arbitraries.of("'paid'", "''", "'7'", "7", "-1", "0", "2.5", "null", "true"),
                // Properties of what is not a row image, and of column values.
                Arbitraries.of("''.class", "database.bytes.length", "data.status.bytes", "type.empty", "(data).id",
                        "data['id']['x']", "old.class.name", "'x'[0]", "table[0]"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.oneOf(scalar,
                inner.flatMap(l -> Arbitraries.of(" + ", " - ", " * ", " / ", " % ")
                        .flatMap(op -> inner.map(r -> "(" + l + op + r + ")"))),
                inner.map(v -> "-" + v),
                inner.map(v -> "size(" + v + ")"));
    }

    private static List<CanalRecord> records() {
        Map<String, Object> numeric = CanalRecords.row("12", "3", "5");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("id", null);
        nulls.put("status", null);
        nulls.put("phone", null);
        return List.of(CanalRecord.of(CanalRecords.insert("paid")),
                CanalRecord.of(CanalRecords.update("new", "paid")),
                CanalRecord.of(CanalRecords.record("UPDATE", numeric, numeric)),
                CanalRecord.of(CanalRecords.record("DELETE", nulls, null)),
                CanalRecord.of(CanalRecords.ddl()));
    }
}
