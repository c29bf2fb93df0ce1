package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalFields;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.internal.Debugger;
import org.apache.commons.jexl3.parser.ASTAndNode;
import org.apache.commons.jexl3.parser.ASTEQNode;
import org.apache.commons.jexl3.parser.ASTEQSNode;
import org.apache.commons.jexl3.parser.ASTERNode;
import org.apache.commons.jexl3.parser.ASTEWNode;
import org.apache.commons.jexl3.parser.ASTEmptyFunction;
import org.apache.commons.jexl3.parser.ASTFalseNode;
import org.apache.commons.jexl3.parser.ASTGENode;
import org.apache.commons.jexl3.parser.ASTGTNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTIdentifierAccess;
import org.apache.commons.jexl3.parser.ASTArrayAccess;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.ASTLENode;
import org.apache.commons.jexl3.parser.ASTLTNode;
import org.apache.commons.jexl3.parser.ASTNENode;
import org.apache.commons.jexl3.parser.ASTNESNode;
import org.apache.commons.jexl3.parser.ASTNEWNode;
import org.apache.commons.jexl3.parser.ASTNRNode;
import org.apache.commons.jexl3.parser.ASTNSWNode;
import org.apache.commons.jexl3.parser.ASTNotNode;
import org.apache.commons.jexl3.parser.ASTNullpNode;
import org.apache.commons.jexl3.parser.ASTOrNode;
import org.apache.commons.jexl3.parser.ASTReference;
import org.apache.commons.jexl3.parser.ASTReferenceExpression;
import org.apache.commons.jexl3.parser.ASTSWNode;
import org.apache.commons.jexl3.parser.ASTStringLiteral;
import org.apache.commons.jexl3.parser.ASTTernaryNode;
import org.apache.commons.jexl3.parser.ASTTrueNode;
import org.apache.commons.jexl3.parser.JexlNode;

/**
 * The checks of a parsed row filter that JEXL's features cannot express, made at validation because an expression
 * failing them fails every record at run time: properties are read only from {@code data} and {@code old} (a column,
 * one level deep: column values are strings or null, which have no properties); the whole expression is a condition,
 * true or false whatever the columns hold; every part without variables evaluates (no {@code 'a' * 2}); and a
 * regular expression written as text compiles.
 */
final class RowExpressionShape {
    private static final Set<String> ROW_IMAGES = Set.of(CanalFields.DATA, CanalFields.OLD);
    private static final String CONDITION_VARIABLE = CanalFields.IS_DDL;
    /** Operators that always yield true or false. */
    private static final List<Class<? extends JexlNode>> CONDITIONS = List.of(ASTEQNode.class, ASTNENode.class,
            ASTEQSNode.class, ASTNESNode.class, ASTLTNode.class, ASTLENode.class, ASTGTNode.class, ASTGENode.class,
            ASTERNode.class, ASTNRNode.class, ASTSWNode.class, ASTNSWNode.class, ASTEWNode.class, ASTNEWNode.class,
            ASTNotNode.class, ASTEmptyFunction.class, ASTTrueNode.class, ASTFalseNode.class);

    private final JexlEngine engine;

    RowExpressionShape(JexlEngine engine) {
        this.engine = engine;
    }

    /** Throws {@link InvalidRowExpressionException} naming the line and column of the first part that fails. */
    void check(ASTJexlScript script) {
        JexlNode expression = script.jjtGetChild(0);
        checkParts(expression);
        evaluateConstants(expression);
        if (!isCondition(expression)) {
            throw invalid(expression, "the expression must be a condition (true or false), but it yields a value;"
                    + " compare it explicitly, e.g. data.status == 'paid' or !empty(data.note)");
        }
    }

    private static void checkParts(JexlNode node) {
        if (node instanceof ASTReference) {
            checkAccess(node);
        }
        if (node instanceof ASTERNode || node instanceof ASTNRNode) {
            checkPattern(node);
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            checkParts(node.jjtGetChild(i));
        }
    }

    /** Evaluates the largest parts without variables. */
    private void evaluateConstants(JexlNode node) {
        if (node.jjtGetNumChildren() > 0 && !mentionsVariables(node)) {
            evaluate(node);
            return;
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            evaluateConstants(node.jjtGetChild(i));
        }
    }

    /** {@code data.column}, {@code old.column}, {@code data['column']}: one access, on a row image. */
    private static void checkAccess(JexlNode reference) {
        JexlNode subject = reference.jjtGetChild(0);
        int accesses = 0;
        for (int i = 1; i < reference.jjtGetNumChildren(); i++) {
            JexlNode access = reference.jjtGetChild(i);
            accesses += access instanceof ASTArrayAccess ? access.jjtGetNumChildren() : 1;
        }
        boolean onRowImage = subject instanceof ASTIdentifier variable && ROW_IMAGES.contains(variable.getName());
        if (accesses > 0 && (!onRowImage || accesses > 1)) {
            throw invalid(reference, "only columns have properties: read data.column or old.column (a column value"
                    + " is a string or null); '" + source(reference) + "' reads a property of "
                    + (onRowImage ? "a column value" : "'" + source(subject) + "'"));
        }
    }

    /** A regular expression written as text is the same for every record: it must compile. */
    private static void checkPattern(JexlNode match) {
        JexlNode pattern = match.jjtGetChild(1);
        if (pattern instanceof ASTStringLiteral literal) {
            try {
                Pattern.compile(literal.getLiteral());
            } catch (PatternSyntaxException e) {
                throw invalid(pattern, "'" + literal.getLiteral() + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
    }

    /** A part without variables is the same for every record: one that fails would fail them all. */
    private void evaluate(JexlNode constant) {
        try {
            engine.createScript(source(constant)).execute(null);
        } catch (JexlException e) {
            throw invalid(constant, "'" + source(constant) + "' fails for every record: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    private static boolean isCondition(JexlNode node) {
        if (CONDITIONS.contains(node.getClass())) {
            return true;
        }
        if (node instanceof ASTIdentifier variable) {
            return CONDITION_VARIABLE.equals(variable.getName());
        }
        if (node instanceof ASTAndNode || node instanceof ASTOrNode || node instanceof ASTNullpNode
                || node instanceof ASTReferenceExpression) {
            return allChildrenAreConditions(node, 0);
        }
        if (node instanceof ASTTernaryNode) {
            // a ? b : c yields b or c; the Elvis form a ?: b yields a or b.
            return allChildrenAreConditions(node, node.jjtGetNumChildren() == 3 ? 1 : 0);
        }
        return false;
    }

    private static boolean allChildrenAreConditions(JexlNode node, int from) {
        for (int i = from; i < node.jjtGetNumChildren(); i++) {
            if (!isCondition(node.jjtGetChild(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentionsVariables(JexlNode node) {
        if (node instanceof ASTIdentifier) {
            return true;
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            if (mentionsVariables(node.jjtGetChild(i))) {
                return true;
            }
        }
        return false;
    }

    private static String source(JexlNode node) {
        Debugger debugger = new Debugger();
        debugger.debug(node, false);
        return debugger.toString();
    }

    /** Where the part starts: JEXL places an operator at its right operand, so take its leftmost leaf. */
    private static InvalidRowExpressionException invalid(JexlNode node, String reason) {
        JexlNode first = node;
        while (first.jjtGetNumChildren() > 0) {
            first = first.jjtGetChild(0);
        }
        JexlInfo info = first.jexlInfo();
        return new InvalidRowExpressionException("at line " + info.getLine() + ", column " + info.getColumn() + ": "
                + reason);
    }
}
