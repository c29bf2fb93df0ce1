package dev.binlogfc.etl.filter;

import dev.binlogfc.common.canal.CanalTypes;
import dev.binlogfc.common.config.EnumeratedSetting;

/** The Canal record types {@link OperationFilter} drops, as its drop.types setting names them. */
enum RecordType implements EnumeratedSetting {
    INIT(CanalTypes.INIT),
    INSERT(CanalTypes.INSERT),
    UPDATE(CanalTypes.UPDATE),
    DELETE(CanalTypes.DELETE),
    DDL(CanalTypes.DDL);

    private final String canalType;

    RecordType(String canalType) {
        this.canalType = canalType;
    }

    /** The record's {@code type} field, upper case whatever the spelling of the setting. */
    String canalType() {
        return canalType;
    }
}
