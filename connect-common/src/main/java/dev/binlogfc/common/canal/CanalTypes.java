package dev.binlogfc.common.canal;

import java.util.List;

/** The values of a Canal record's {@value CanalFields#TYPE} field. */
public final class CanalTypes {

    /** A row read by the full copy (DTS's initial load). */
    public static final String INIT = "INIT";
    public static final String INSERT = "INSERT";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    /** A schema change. */
    public static final String DDL = "DDL";

    /** Every type, in the order of a table's life: copied, changed, altered. */
    public static final List<String> ALL = List.of(INIT, INSERT, UPDATE, DELETE, DDL);

    private CanalTypes() {
    }
}
