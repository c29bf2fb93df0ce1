package dev.binlogfc.common.canal;

/**
 * The field names of a Canal JSON record as DTS writes it: the source's SMT writes them, the ETL transforms and the
 * sink read them, and the example function applies them.
 */
public final class CanalFields {

    /** The event's id, unique per record of a source (a number). */
    public static final String ID = "id";
    public static final String DATABASE = "database";
    public static final String TABLE = "table";
    /** The primary key's columns (a list of names). */
    public static final String PK_NAMES = "pkNames";
    /** Whether the record is a schema change (a boolean). */
    public static final String IS_DDL = "isDdl";
    /** The kind of change, one of {@link CanalTypes}. */
    public static final String TYPE = "type";
    /** When the change was made at the source (epoch ms). */
    public static final String ES = "es";
    /** When the record was made (epoch ms). */
    public static final String TS = "ts";
    /** The schema change's statement; empty for a row change. */
    public static final String SQL = "sql";
    /** JDBC type codes by column. */
    public static final String SQL_TYPE = "sqlType";
    /** MySQL type names by column. */
    public static final String MYSQL_TYPE = "mysqlType";
    /** The row after the change (a list of one row: column to text), the row before it for a delete. */
    public static final String DATA = "data";
    /** An UPDATE's row before the change (a list of one row; all columns or the changed ones), else null. */
    public static final String OLD = "old";
    public static final String SERVER_ID = "serverId";

    private CanalFields() {
    }
}
