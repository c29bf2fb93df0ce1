package dev.binlogfc.sink.fc.config;

import dev.binlogfc.common.config.EnumeratedSetting;
import java.util.List;

/** The kinds of target the sink can send batches to, as named by the target.type setting. */
public enum TargetType implements EnumeratedSetting {
    /** Function Compute 2.0 InvokeFunction (the DTS target). */
    FC2,
    /** Function Compute 3.0 InvokeFunction (API 2023-03-30). */
    FC3,
    /** Any HTTP(S) endpoint taking a JSON POST. */
    HTTP;

    /** The settings a target of this kind cannot do without; the credentials' own follow from their type. */
    List<String> requiredSettings() {
        return switch (this) {
            case FC2 -> List.of(FcSinkConfig.ENDPOINT, FcSinkConfig.SERVICE_NAME, FcSinkConfig.FUNCTION_NAME);
            case FC3 -> List.of(FcSinkConfig.ENDPOINT, FcSinkConfig.FUNCTION_NAME);
            case HTTP -> List.of(FcSinkConfig.HTTP_URL);
        };
    }
}
