package dev.binlogfc.source.canal.format;

import dev.binlogfc.common.canal.CanalTypes;

/**
 * The choices where DTS, Canal and Flink's canal-json reader disagree about a DML record.
 *
 * @param oldImage what {@code old} holds for UPDATE
 * @param mysqlTypeForm what {@code mysqlType} shows per column
 * @param sqlTypeCodes which numbering {@code sqlType} uses
 * @param snapshotType the {@code type} of rows read by the initial snapshot ("INIT" as DTS, or "INSERT")
 */
public record CanalFormat(OldImage oldImage, MySqlTypeForm mysqlTypeForm, SqlTypeCodes sqlTypeCodes, String snapshotType) {

    /** What {@code old} holds for an UPDATE. */
    public enum OldImage {
        /** Every column's value before the change, as DTS sends it. */
        FULL,
        /** Only the columns whose value changed, as Canal sends it. */
        CHANGED
    }

    /** What {@code mysqlType} shows for a column. */
    public enum MySqlTypeForm {
        /** The lower-case base type name, e.g. {@code varchar}, as DTS shows it. */
        NAME,
        /** The declaration, e.g. {@code varchar(20)} or {@code decimal(10,2) unsigned}, as Canal shows it. */
        DECLARATION
    }

    /** Which type codes {@code sqlType} holds. */
    public enum SqlTypeCodes {
        /** MySQL protocol field type codes (varchar 253, int 3), as DTS sends them. */
        MYSQL,
        /** {@code java.sql.Types} codes (varchar 12, int 4), as Canal sends them. */
        JDBC
    }

    /** The DTS form. */
    public static final CanalFormat DTS = new CanalFormat(OldImage.FULL, MySqlTypeForm.NAME, SqlTypeCodes.MYSQL,
            CanalTypes.INIT);
}
