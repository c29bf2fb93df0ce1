package dev.binlogfc.sink.fc.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of target the sink can send batches to, as named by the target.type setting. */
public enum TargetType {
    /** Function Compute 2.0 InvokeFunction (the DTS target). */
    FC2,
    /** Function Compute 3.0 InvokeFunction (API 2023-03-30). */
    FC3,
    /** Any HTTP(S) endpoint taking a JSON POST. */
    HTTP;

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TargetType fromSettingValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static String[] settingValues() {
        return Arrays.stream(values()).map(TargetType::settingValue).toArray(String[]::new);
    }

    /** The settings a target of this kind cannot do without; the credentials' own follow from their type. */
    List<String> requiredSettings() {
        return switch (this) {
            case FC2 -> List.of(FcSinkConfig.ENDPOINT, FcSinkConfig.SERVICE_NAME, FcSinkConfig.FUNCTION_NAME);
            case FC3 -> List.of(FcSinkConfig.ENDPOINT, FcSinkConfig.FUNCTION_NAME);
            case HTTP -> List.of(FcSinkConfig.HTTP_URL);
        };
    }
}
