package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalFields;
import dev.binlogfc.etl.record.CanalRecord;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlContext;

/**
 * The variables a row filter expression sees for one record: {@code type}, {@code database}, {@code table},
 * {@code isDdl}, {@code data} and {@code old}. A missing row image (old for anything but UPDATE, both for DDL) is an
 * empty object, so {@code old.status} is null there rather than an error. Read-only.
 */
final class RowContext implements JexlContext {
    // Ordered, so that error messages list the variables the way the documentation does.
    static final Set<String> VARIABLES = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of(CanalFields.TYPE, CanalFields.DATABASE, CanalFields.TABLE, CanalFields.IS_DDL,
                    CanalFields.DATA, CanalFields.OLD)));

    private final CanalRecord record;

    RowContext(CanalRecord record) {
        this.record = record;
    }

    @Override
    public Object get(String name) {
        return switch (name) {
            case CanalFields.TYPE -> record.type();
            case CanalFields.DATABASE -> record.database();
            case CanalFields.TABLE -> record.table();
            case CanalFields.IS_DDL -> record.isDdl();
            case CanalFields.DATA -> orEmpty(record.data());
            case CanalFields.OLD -> orEmpty(record.old());
            default -> null;
        };
    }

    @Override
    public boolean has(String name) {
        return VARIABLES.contains(name);
    }

    @Override
    public void set(String name, Object value) {
        throw new UnsupportedOperationException("row filter expressions cannot assign variables");
    }

    private static Map<String, Object> orEmpty(Map<String, Object> row) {
        return row == null ? Map.of() : row;
    }
}
