package dev.binlogfc.source.canal.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row image as Canal carries it: each column's text (null for SQL NULL), in table order. The column names are the
 * table version's one list, shared by all its rows, so an image costs one array of texts rather than a map.
 */
public final class RowImage {

    private final List<String> columns;
    private final String[] texts;

    /** @param columns the column names, read-only; {@code texts} holds one text per name, in the same order */
    RowImage(List<String> columns, String[] texts) {
        this.columns = columns;
        this.texts = texts;
    }

    /** @return the text of the column at {@code index}, null for SQL NULL */
    public String text(int index) {
        return texts[index];
    }

    /** The column names, in order; read-only. */
    public List<String> columns() {
        return columns;
    }

    /** A new mutable map of column name to text, in order. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>(TableColumns.mapCapacity(texts.length));
        for (int i = 0; i < texts.length; i++) {
            map.put(columns.get(i), texts[i]);
        }
        return map;
    }
}
