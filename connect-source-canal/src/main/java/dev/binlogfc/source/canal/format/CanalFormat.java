package dev.binlogfc.source.canal.format;

import dev.binlogfc.common.canal.CanalTypes;
import dev.binlogfc.common.config.EnumeratedSetting;

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
    public enum OldImage implements EnumeratedSetting {
        /** Every column's value before the change, as DTS sends it. */
        FULL,
        /** Only the columns whose value changed, as Canal sends it. */
        CHANGED
    }

    /** What {@code mysqlType} shows for a column. */
    public enum MySqlTypeForm implements EnumeratedSetting {
        /** The lower-case base type name, e.g. {@code varchar}, as DTS shows it. */
        NAME,
        /** The declaration, e.g. {@code varchar(20)} or {@code decimal(10,2) unsigned}, as Canal shows it. */
        DECLARATION
    }

    /** Which type codes {@code sqlType} holds. */
    public enum SqlTypeCodes implements EnumeratedSetting {
        /** MySQL protocol field type codes (varchar 253, int 3), as DTS sends them. */
        MYSQL,
        /** {@code java.sql.Types} codes (varchar 12, int 4), as Canal sends them. */
        JDBC
    }

    /** The {@code type} of rows read by the initial snapshot, as configured. */
    public enum SnapshotType implements EnumeratedSetting {
        /** INIT, as DTS sends them. */
        INIT(CanalTypes.INIT),
        /** INSERT, for readers that know only INSERT, UPDATE and DELETE, such as Flink's canal-json. */
        INSERT(CanalTypes.INSERT);

        private final String canalType;

        SnapshotType(String canalType) {
            this.canalType = canalType;
        }

        /** The record's {@code type}, whatever the spelling of the setting. */
        public String canalType() {
            return canalType;
        }
    }

    /** The DTS form. */
    public static final CanalFormat DTS = new CanalFormat(OldImage.FULL, MySqlTypeForm.NAME, SqlTypeCodes.MYSQL,
            CanalTypes.INIT);
}
