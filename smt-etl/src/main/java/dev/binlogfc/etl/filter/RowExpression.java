package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalFields;
import dev.binlogfc.common.canal.CanalTypes;
import dev.binlogfc.etl.record.CanalRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.parser.Parser;

/**
 * A JEXL boolean expression over one Canal record, compiled once and evaluated per record. The language is cut
 * down to pure expressions: no method calls, no object creation, no assignments or other side effects, no loops,
 * lambdas, pragmas or namespaces, and RESTRICTED introspection permissions; what remains are literals, the
 * {@link RowContext variables}, property access ({@code data.status}), comparison, logic, arithmetic and JEXL's
 * operators such as {@code =~} (regex match or membership), {@code =^} (starts with), {@code empty()} and
 * {@code size()}.
 */
public final class RowExpression {
    private static final JexlFeatures FEATURES = new JexlFeatures()
            .script(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .loops(false)
            .lambda(false)
            .methodCall(false)
            .newInstance(false)
            .localVar(false)
            .pragma(false)
            .annotation(false)
            .namespacePragma(false)
            .importPragma(false);
    private static final JexlEngine ENGINE = new JexlBuilder()
            .features(FEATURES)
            .permissions(JexlPermissions.RESTRICTED)
            // Strict: an unknown variable or property is an error rather than a silent null.
            .strict(true)
            // Lenient arithmetic: a SQL NULL compares as null/0 instead of failing the record.
            .arithmetic(new JexlArithmetic(false))
            // Not safe, not silent: a failing navigation or operator is reported, never turned into null or false.
            .safe(false)
            .silent(false)
            // Each expression is compiled once per configure and kept, so the engine's source cache is useless.
            .cache(0)
            .create();
    private static final RowExpressionShape SHAPE = new RowExpressionShape(ENGINE);

    private final String text;
    private final JexlScript script;

    private RowExpression(String text, JexlScript script) {
        this.text = text;
        this.script = script;
    }

    /** Compiles the expression; throws {@link InvalidRowExpressionException} saying where and what is wrong. */
    public static RowExpression compile(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRowExpressionException("the expression is empty; write a condition such as"
                    + " type == 'UPDATE' && data.status != old.status");
        }
        JexlScript script;
        try {
            script = ENGINE.createScript(where(), text);
        } catch (JexlException e) {
            throw new InvalidRowExpressionException(describe(e));
        }
        rejectUnknownVariables(script);
        // The engine keeps its syntax tree to itself: the shape checks read a second parse of the same text.
        SHAPE.check(new Parser(text).parse(where(), FEATURES, text, null));
        dryRun(script);
        return new RowExpression(text, script);
    }

    /** True when the record matches; a non-boolean result or an evaluation error is an {@link IllegalArgumentException}. */
    public boolean matches(CanalRecord record) {
        Object result;
        try {
            result = script.execute(new RowContext(record));
        } catch (JexlException e) {
            throw new IllegalArgumentException("the row filter expression '" + text + "' failed: " + describe(e), e);
        }
        if (result instanceof Boolean matched) {
            return matched;
        }
        throw new IllegalArgumentException("the row filter expression '" + text + "' must yield true or false, but"
                + " yielded " + (result == null ? "null" : result.getClass().getSimpleName() + " " + result)
                + "; compare values explicitly, e.g. data.status == 'paid'");
    }

    /**
     * Evaluates the expression on a record of each type whose columns are all missing: no data is at fault there
     * (a missing column reads as null), so a failure is the expression's, such as arithmetic on a string.
     */
    private static void dryRun(JexlScript script) {
        for (String type : CanalTypes.ALL) {
            Map<String, Object> record = new HashMap<>();
            record.put(CanalFields.TYPE, type);
            record.put(CanalFields.DATABASE, "db");
            record.put(CanalFields.TABLE, "t");
            record.put(CanalFields.IS_DDL, CanalTypes.DDL.equals(type));
            try {
                script.execute(new RowContext(CanalRecord.of(record)));
            } catch (JexlException e) {
                throw new InvalidRowExpressionException(describe(e) + " (on a " + type + " record without column"
                        + " values, where no data can be at fault)");
            }
        }
    }

    private static JexlInfo where() {
        return new JexlInfo("expression", 1, 1);
    }

    @Override
    public String toString() {
        return text;
    }

    private static void rejectUnknownVariables(JexlScript script) {
        Set<String> unknown = new TreeSet<>();
        for (List<String> path : script.getVariables()) {
            if (!RowContext.VARIABLES.contains(path.get(0))) {
                unknown.add(path.get(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRowExpressionException("unknown variable(s) " + unknown + "; the expression can use "
                    + RowContext.VARIABLES + ", and columns as data.column or old.column");
        }
    }

    private static String describe(JexlException e) {
        JexlInfo info = e.getInfo();
        String detail = e.getDetail() == null ? e.getMessage() : e.getDetail();
        return info == null ? detail
                : "at line " + info.getLine() + ", column " + info.getColumn() + ": " + kind(e) + detail;
    }

    private static String kind(JexlException e) {
        if (e instanceof JexlException.Feature) {
            return "not allowed in a row filter: ";
        }
        if (e instanceof JexlException.Parsing || e instanceof JexlException.Tokenization) {
            return "syntax error near ";
        }
        return "";
    }
}
